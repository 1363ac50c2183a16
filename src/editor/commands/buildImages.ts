import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ImagesFailure, ImagesRun, ImageStep } from '../../images/pipeline';
import type { toolsEnv } from '../../images/tools';
import { withCancellableProgress, type ProgressReport } from '../progress';
import { readSettings, setting } from '../settings';
import { isRequest, type Command } from './command';

/** The non-interactive form, for tests and tasks: which folder, and whether to stop after building. */
export interface BuildImagesRequest {
  folder?: vscode.Uri;
  buildOnly?: boolean;
}

export type BuildImagesResult =
  | { readonly ok: true; readonly images: readonly string[]; readonly summary: string }
  | { readonly ok: false; readonly failure: ImagesFailure };

const STEP_TITLES: Record<ImageStep, () => string> = {
  check: () => vscode.l10n.t('Checking docker'),
  build: () => vscode.l10n.t('Building'),
  load: () => vscode.l10n.t('Loading into the cluster'),
  push: () => vscode.l10n.t('Pushing'),
};

/**
 * "Starter Stack: Build and Load Images": `docker build` for the four apps, then makes the images available to
 * the current kubectl context (kind load, minikube image load, nothing for Docker Desktop, or docker push).
 * Every tool's output streams to the Starter Stack output channel.
 */
export class BuildImagesCommand implements Command {
  readonly id = 'starterStack.buildImages';

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async execute(arg?: unknown): Promise<BuildImagesResult | undefined> {
    const request = isRequest<BuildImagesRequest>(arg, ['folder', 'buildOnly']) ? arg : undefined;
    const folder = request?.folder ?? (arg instanceof vscode.Uri ? arg : vscode.workspace.workspaceFolders?.[0]?.uri);
    if (!folder) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open the scaffolded project folder first.'));
      return undefined;
    }
    const settings = readSettings(folder);
    const result = await withCancellableProgress(vscode.l10n.t('Starter Stack images'), (progress, signal) =>
      this.run(folder, settings.imagePrefix, settings.imageTag, request?.buildOnly ?? false, progress, signal),
    );
    this.report(result);
    return result;
  }

  private async run(
    folder: vscode.Uri,
    imagePrefix: string,
    tag: string,
    buildOnly: boolean,
    progress: ProgressReport,
    signal: AbortSignal,
  ): Promise<BuildImagesResult> {
    const [pipeline, cluster, tools] = await Promise.all([
      import('../../images/pipeline'),
      import('../../images/cluster'),
      import('../../images/tools'),
    ]);
    const env = this.environment(tools.toolsEnv);
    const appsDir = pipeline.resolveAppsDir(folder.fsPath);
    if (!appsDir.ok) return { ok: false, failure: appsDir.error };
    const targets = pipeline.imageTargets(appsDir.value, imagePrefix, tag);
    if (!targets.ok) return { ok: false, failure: targets.error };
    this.log.show(true);
    const steps = targets.value.length * (buildOnly ? 1 : 2);
    const run: ImagesRun = {
      env,
      signal,
      onLine: (line) => this.log.info(line),
      onStep: (step, image) =>
        progress.report({
          message: `${STEP_TITLES[step]()} ${image ?? ''}`.trim(),
          increment: step === 'check' ? 0 : 100 / steps,
        }),
    };
    const built = await pipeline.buildImages(targets.value, run);
    if (!built.ok) return { ok: false, failure: built.error };
    if (buildOnly)
      return { ok: true, images: built.value, summary: vscode.l10n.t('Built {0} image(s).', built.value.length) };
    const current = await cluster.readCurrentContext(env);
    if (current.problem !== undefined) return { ok: false, failure: { reason: 'bad-input', message: current.problem } };
    const flavour = cluster.detectFlavour(current);
    this.log.info(`cluster: ${flavour.kind}${flavour.context ? ` (context ${flavour.context})` : ''}`);
    const loaded = await pipeline.loadImages(targets.value, flavour, run);
    return loaded.ok
      ? { ok: true, images: loaded.value.images, summary: loaded.value.summary }
      : { ok: false, failure: loaded.error };
  }

  /** The tools' environment: the extension host's, with the `starterStack.toolsPath` folders first on PATH. */
  private environment(withTools: typeof toolsEnv): NodeJS.ProcessEnv {
    const tools = withTools(process.env, setting('toolsPath'), homedir());
    if (tools.folders.length > 0)
      this.log.info(`tools: looking first in ${tools.folders.join(', ')} (starterStack.toolsPath)`);
    for (const folder of tools.ignored)
      this.log.warn(`tools: starterStack.toolsPath entry "${folder}" is not an absolute path; ignored`);
    return tools.env;
  }

  private report(result: BuildImagesResult): void {
    if (result.ok) {
      this.log.info(result.summary);
      void vscode.window.showInformationMessage(vscode.l10n.t('Starter Stack: {0}', result.summary));
      return;
    }
    const { failure } = result;
    this.log.error(failure.message);
    if (failure.reason === 'cancelled') return;
    const showOutput = vscode.l10n.t('Show Output');
    const where = failure.image ? vscode.l10n.t('{0} ({1} step): ', failure.image, failure.step ?? '') : '';
    // VS Code's PATH is the login shell's, which may lack a tool the user's terminal finds.
    const hint =
      failure.reason === 'missing-tool'
        ? vscode.l10n.t(' If it is installed, add its folder to the setting starterStack.toolsPath.')
        : '';
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Build and Load Images failed: {0}{1}{2}', where, failure.message, hint),
        showOutput,
      )
      .then((choice) => {
        if (choice === showOutput) this.log.show();
      });
  }
}
