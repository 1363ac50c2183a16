import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_SERVICES, type AppService } from '../stack/apps';
import { DEFAULT_OPTIONS, parseStackOptions } from '../stack/options';
import { err, ok, type Result } from '../util/result';
import type { ClusterFlavour } from './cluster';
import { findExecutable } from '../util/executable';
import { runTool } from './tools';

export type ImageStep = 'check' | 'build' | 'load' | 'push';

/** One image to build from one app folder. */
export interface ImageTarget {
  readonly service: AppService;
  readonly image: string;
  /** The build context: the app's folder, holding its Dockerfile. */
  readonly context: string;
}

/** Why the images could not be built or loaded: one sentence a user can act on, plus what failed. */
export interface ImagesFailure {
  readonly reason: 'missing-tool' | 'daemon-down' | 'step-failed' | 'cancelled' | 'bad-input';
  readonly message: string;
  readonly step?: ImageStep;
  readonly image?: string;
}

export interface ImagesRun {
  readonly env: NodeJS.ProcessEnv;
  /** Every line the tools print, and one line per step started. */
  readonly onLine: (line: string) => void;
  /** Called as each step starts, for progress reporting. */
  readonly onStep?: (step: ImageStep, image: string | undefined, index: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export const INSTALL_DOCKER =
  'Docker is needed to build the images: install Docker Desktop (macOS, Windows) or Docker Engine (Linux) from https://docs.docker.com/get-docker/, make sure `docker` is on PATH, then run this again.';

/** The folder holding the four apps: DIR/apps as scaffolded, or DIR itself. */
export function resolveAppsDir(dir: string): Result<string, ImagesFailure> {
  for (const candidate of [join(dir, 'apps'), dir]) {
    if (APP_SERVICES.every((s) => existsSync(join(candidate, s, 'Dockerfile')))) return ok(candidate);
  }
  return err({
    reason: 'bad-input',
    message: `No starter apps in ${dir}: expected apps/<service>/Dockerfile for ${APP_SERVICES.join(', ')}. Run "Scaffold Project" (starter-stack scaffold) first.`,
  });
}

/** The images as the manifests name them: `<prefix>/<service>:<tag>`. */
export function imageTargets(
  appsDir: string,
  imagePrefix: string = DEFAULT_OPTIONS.imagePrefix,
  tag: string = DEFAULT_OPTIONS.tag,
  services: readonly AppService[] = APP_SERVICES,
): Result<ImageTarget[], ImagesFailure> {
  const parsed = parseStackOptions({ imagePrefix, tag });
  if (!parsed.ok) return err({ reason: 'bad-input', message: parsed.error });
  return ok(
    services.map((service) => ({
      service,
      image: `${imagePrefix}/${service}:${tag}`,
      context: join(appsDir, service),
    })),
  );
}

async function requireTool(
  name: string,
  env: NodeJS.ProcessEnv,
  install: string,
): Promise<Result<string, ImagesFailure>> {
  const path = await findExecutable(name, env);
  return path ? ok(path) : err({ reason: 'missing-tool', message: install });
}

/** Runs one tool invocation as a named step; a failure names the step and the image. */
async function step(
  tool: string,
  args: string[],
  what: { step: ImageStep; image?: string; cwd?: string },
  run: ImagesRun,
): Promise<Result<void, ImagesFailure>> {
  run.onLine(`$ ${[tool.split(/[\\/]/).pop(), ...args].join(' ')}`);
  let code: number | null;
  try {
    code = await runTool(tool, args, { cwd: what.cwd, env: run.env, onLine: run.onLine, signal: run.signal });
  } catch (e) {
    return err({
      reason: 'step-failed',
      step: what.step,
      image: what.image,
      message: `${what.step} ${what.image ?? ''}: ${e instanceof Error ? e.message : String(e)}`.trim(),
    });
  }
  if (run.signal?.aborted)
    return err({ reason: 'cancelled', step: what.step, image: what.image, message: 'Cancelled.' });
  if (code === 0) return ok(undefined);
  const subject = what.image ? ` of ${what.image}` : '';
  return err({
    reason: 'step-failed',
    step: what.step,
    image: what.image,
    message: `Step "${what.step}"${subject} failed (exit code ${String(code)}); its output is above.`,
  });
}

/** Checks docker is installed and its daemon answers: the two usual reasons a build cannot start. */
export async function checkDocker(run: ImagesRun): Promise<Result<string, ImagesFailure>> {
  const docker = await requireTool('docker', run.env, INSTALL_DOCKER);
  if (!docker.ok) return docker;
  run.onStep?.('check', undefined, 0, 1);
  const answered = await step(docker.value, ['version', '--format', '{{.Server.Version}}'], { step: 'check' }, run);
  if (!answered.ok) {
    if (answered.error.reason === 'cancelled') return answered;
    return err({
      reason: 'daemon-down',
      step: 'check',
      message:
        'docker is installed but its daemon does not answer (`docker version` failed): start Docker Desktop or the docker service, then run this again.',
    });
  }
  return docker;
}

/** `docker build -t <image> <app folder>` for each target, in order; stops at the first failure. */
export async function buildImages(
  targets: readonly ImageTarget[],
  run: ImagesRun,
): Promise<Result<string[], ImagesFailure>> {
  const docker = await checkDocker(run);
  if (!docker.ok) return docker;
  const built: string[] = [];
  for (const [index, target] of targets.entries()) {
    run.onStep?.('build', target.image, index, targets.length);
    const result = await step(
      docker.value,
      ['build', '--tag', target.image, target.context],
      { step: 'build', image: target.image },
      run,
    );
    if (!result.ok) return result;
    built.push(target.image);
  }
  return ok(built);
}

/** What `loadImages` did, for the summary. */
export interface LoadOutcome {
  readonly flavour: ClusterFlavour;
  readonly images: readonly string[];
  readonly summary: string;
}

/**
 * Makes built images available to the cluster: `kind load docker-image`, `k3d image import`, `minikube image load`, nothing for
 * Docker Desktop (its cluster uses Docker's own image store), or `docker push` to the prefix's registry.
 */
export async function loadImages(
  targets: readonly ImageTarget[],
  flavour: ClusterFlavour,
  run: ImagesRun,
): Promise<Result<LoadOutcome, ImagesFailure>> {
  const images = targets.map((t) => t.image);
  switch (flavour.kind) {
    case 'docker-desktop':
      return ok({
        flavour,
        images,
        summary: `Context ${flavour.context} is Docker Desktop: its cluster uses Docker's images directly, nothing to load.`,
      });
    case 'kind': {
      const kind = await requireTool(
        'kind',
        run.env,
        `The current context ${flavour.context} is a kind cluster, but \`kind\` is not on PATH: install it from https://kind.sigs.k8s.io/docs/user/quick-start/#installation.`,
      );
      if (!kind.ok) return kind;
      return each(
        targets,
        'load',
        (image) => [kind.value, ['load', 'docker-image', image, '--name', flavour.clusterName]],
        run,
        { flavour, images, summary: `Loaded ${images.length} image(s) into kind cluster ${flavour.clusterName}.` },
      );
    }
    case 'k3d': {
      const k3d = await requireTool(
        'k3d',
        run.env,
        `The current context ${flavour.context} is a k3d cluster, but \`k3d\` is not on PATH: install it from https://k3d.io/#installation.`,
      );
      if (!k3d.ok) return k3d;
      return each(
        targets,
        'load',
        (image) => [k3d.value, ['image', 'import', image, '--cluster', flavour.clusterName]],
        run,
        { flavour, images, summary: `Imported ${images.length} image(s) into k3d cluster ${flavour.clusterName}.` },
      );
    }
    case 'minikube': {
      const minikube = await requireTool(
        'minikube',
        run.env,
        `The current context ${flavour.context} is minikube, but \`minikube\` is not on PATH: install it from https://minikube.sigs.k8s.io/docs/start/.`,
      );
      if (!minikube.ok) return minikube;
      return each(
        targets,
        'load',
        (image) => [minikube.value, ['image', 'load', image, '--profile', flavour.profile]],
        run,
        { flavour, images, summary: `Loaded ${images.length} image(s) into minikube profile ${flavour.profile}.` },
      );
    }
    case 'registry': {
      if (targets.some((t) => t.image.startsWith(`${DEFAULT_OPTIONS.imagePrefix}/`))) {
        const where = flavour.context
          ? `The current context ${flavour.context} is not kind, minikube or Docker Desktop`
          : 'No current kubectl context was found';
        return err({
          reason: 'bad-input',
          step: 'push',
          message: `${where}, so the images must be pushed to a registry the cluster can pull from: set the image prefix (starterStack.imagePrefix / --image-prefix) to your registry, e.g. ghcr.io/you.`,
        });
      }
      const docker = await checkDocker(run);
      if (!docker.ok) return docker;
      return each(targets, 'push', (image) => [docker.value, ['push', image]], run, {
        flavour,
        images,
        summary: `Pushed ${images.length} image(s); the cluster pulls them from the registry.`,
      });
    }
  }
}

async function each(
  targets: readonly ImageTarget[],
  stepName: ImageStep,
  command: (image: string) => [string, string[]],
  run: ImagesRun,
  outcome: LoadOutcome,
): Promise<Result<LoadOutcome, ImagesFailure>> {
  for (const [index, target] of targets.entries()) {
    run.onStep?.(stepName, target.image, index, targets.length);
    const [tool, args] = command(target.image);
    const result = await step(tool, args, { step: stepName, image: target.image }, run);
    if (!result.ok) return result;
  }
  return ok(outcome);
}
