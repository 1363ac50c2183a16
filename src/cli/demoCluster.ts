import { resolve } from 'node:path';
import { ExitCode, UsageError, type CliIo } from './io';
import { parseStrict } from './apply';

export const DEMO_CLUSTER_USAGE = 'starter-stack demo-cluster [--port P] [--kubeconfig FILE] [--nodes N] [--time-scale X]';

const wholeNumber = (name: string, raw: string | boolean | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${String(raw)}"`);
  return Number(raw);
};

/**
 * `starter-stack demo-cluster`: starts the Kubernetes API simulator — the test double this project's tests use —
 * on 127.0.0.1 for trying the extension without a cluster. It says plainly that it is not a real cluster.
 */
export async function demoClusterCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseStrict(argv, {
    port: { type: 'string' },
    kubeconfig: { type: 'string' },
    nodes: { type: 'string' },
    'time-scale': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = wholeNumber('port', values.port, 0);
  const nodes = wholeNumber('nodes', values.nodes, 3);
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!(timeScale > 0)) throw new UsageError(`--time-scale must be a positive number, got "${String(values['time-scale'])}"`);
  const kubeconfigPath = typeof values.kubeconfig === 'string' ? resolve(io.cwd, values.kubeconfig) : undefined;
  const { startClusterSimulator } = await import('../../sim');
  const sim = await startClusterSimulator({ port, nodes, timeScale, ...(kubeconfigPath ? { kubeconfigPath } : {}) });
  io.out(`Demo cluster: the Kubernetes API simulator (a test double, NOT a real cluster) is listening on ${sim.url}`);
  io.out(`Its kubeconfig (context ${sim.contextName}): ${sim.kubeconfigPath}`);
  io.out(`Try: KUBECONFIG=${sim.kubeconfigPath} kubectl get nodes`);
  io.out('Press Ctrl+C to stop it.');
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener('abort', () => done(), { once: true });
  });
  await sim.close();
  return ExitCode.ok;
}
