import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { noExtraPositionals, parseOptions, wholeNumber } from './args';
import { ExitCode, UsageError, type CliIo } from './io';

/** What every kubeconfig the simulator writes contains; an existing file without it belongs to the user. */
const SIMULATOR_USER = 'starter-sim-user';
const PROFILES = ['demo', 'kind', 'minikube', 'docker-desktop', 'k3d'] as const;
type Profile = (typeof PROFILES)[number];
const isProfile = (value: string): value is Profile => (PROFILES as readonly string[]).includes(value);

/**
 * `starter-stack demo-cluster`: starts the Kubernetes API simulator — the test double this project's tests use —
 * on 127.0.0.1 for trying the extension without a cluster. It says plainly that it is not a real cluster.
 */
export async function demoClusterCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    port: { type: 'string' },
    kubeconfig: { type: 'string' },
    nodes: { type: 'string' },
    'time-scale': { type: 'string' },
    profile: { type: 'string' },
  });
  noExtraPositionals(positionals);
  const port = wholeNumber('port', values.port, { min: 0, max: 65535 }) ?? 0;
  const nodes = wholeNumber('nodes', values.nodes, { min: 1, max: 100 }) ?? 3;
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new UsageError(`--time-scale must be a positive number, got "${String(values['time-scale'])}"`);
  const profile = values.profile ?? 'demo';
  if (!isProfile(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${profile}"`);
  if (profile !== 'demo' && values.nodes !== undefined)
    throw new UsageError(`--nodes applies to the demo profile only (a fresh ${profile} cluster has its own node)`);
  const kubeconfigPath = values.kubeconfig === undefined ? undefined : resolve(io.cwd, values.kubeconfig);
  const problem = kubeconfigPath === undefined ? undefined : await kubeconfigTargetProblem(kubeconfigPath);
  if (problem) return fail(io, problem);
  const { startClusterSimulator } = await import('../../sim');
  const started = await startClusterSimulator({
    port,
    nodes,
    timeScale,
    profile,
    ...(kubeconfigPath ? { kubeconfigPath } : {}),
  }).catch((e: unknown) => startProblem(e, port, kubeconfigPath));
  if (typeof started === 'string') return fail(io, started);
  const shape =
    profile === 'demo'
      ? ''
      : ` shaped like a fresh ${profile} cluster (its images must be loaded: POST ${started.url}/starter-sim/v1/images/load {"images":[...]} stands in for the tool's image load)`;
  io.out(
    `Demo cluster: the Kubernetes API simulator (a simulator, NOT a real cluster)${shape} is listening on ${started.url}`,
  );
  io.out(`Its kubeconfig (context ${started.contextName}): ${started.kubeconfigPath}`);
  io.out(`Try: KUBECONFIG=${started.kubeconfigPath} kubectl get nodes`);
  io.out('Press Ctrl+C to stop it.');
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener('abort', () => done(), { once: true });
  });
  await started.close();
  return ExitCode.ok;
}

function fail(io: CliIo, message: string): number {
  io.err(`starter-stack demo-cluster: ${message}`);
  return ExitCode.failed;
}

/** Checked before the simulator starts: its folder exists, and an existing file there is an earlier simulator's. */
async function kubeconfigTargetProblem(path: string): Promise<string | undefined> {
  const folder = await stat(dirname(path)).catch((e: NodeJS.ErrnoException) => e);
  if (folder instanceof Error)
    return `cannot write the kubeconfig ${path}: ${folder.code === 'ENOTDIR' ? 'a part of its folder is a file' : 'its folder does not exist'}`;
  if (!folder.isDirectory()) return `cannot write the kubeconfig ${path}: ${dirname(path)} is a file, not a folder`;
  const existing = await stat(path).catch(() => undefined);
  if (!existing) return undefined;
  if (!existing.isFile()) return `cannot write the kubeconfig ${path}: it exists and is not a regular file`;
  const text = await readFile(path, 'utf8').catch(() => '');
  if (!text.includes(SIMULATOR_USER))
    return `${path} exists and is not a demo-cluster kubeconfig; not overwriting it (choose another --kubeconfig)`;
  return undefined;
}

/** One line for why the simulator could not start. */
function startProblem(e: unknown, port: number, kubeconfigPath: string | undefined): string {
  const code = (e as NodeJS.ErrnoException).code;
  const syscall = (e as NodeJS.ErrnoException).syscall;
  if (code === 'EADDRINUSE')
    return `port ${port} on 127.0.0.1 is already in use (choose another --port, or leave it out for a free one)`;
  if (code === 'EACCES' && syscall === 'listen')
    return `not allowed to listen on port ${port} (ports below 1024 need privileges)`;
  const message = e instanceof Error ? e.message : String(e);
  if (kubeconfigPath !== undefined && message.includes(kubeconfigPath))
    return `cannot write the kubeconfig ${kubeconfigPath}: ${code ?? message}`;
  return `could not start: ${message.split('\n')[0] ?? message}`;
}
