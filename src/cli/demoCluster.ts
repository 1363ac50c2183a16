import { resolve } from 'node:path';
import { ExitCode, UsageError, type CliIo } from './io';
import { parseStrict } from './apply';

export const DEMO_CLUSTER_USAGE = 'starter-stack demo-cluster [--profile demo|kind|minikube|docker-desktop|k3d] [--port P] [--kubeconfig FILE] [--nodes N] [--time-scale X]';
const PROFILES = ['demo', 'kind', 'minikube', 'docker-desktop', 'k3d'] as const;
type Profile = (typeof PROFILES)[number];
const isProfile = (value: string): value is Profile => (PROFILES as readonly string[]).includes(value);

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
    profile: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = wholeNumber('port', values.port, 0);
  const nodes = wholeNumber('nodes', values.nodes, 3);
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!(timeScale > 0)) throw new UsageError(`--time-scale must be a positive number, got "${String(values['time-scale'])}"`);
  const profile = typeof values.profile === 'string' ? values.profile : 'demo';
  if (!isProfile(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${profile}"`);
  if (profile !== 'demo' && values.nodes !== undefined) throw new UsageError(`--nodes applies to the demo profile only (a fresh ${profile} cluster has its own node)`);
  const kubeconfigPath = typeof values.kubeconfig === 'string' ? resolve(io.cwd, values.kubeconfig) : undefined;
  const { startClusterSimulator } = await import('../../sim');
  const sim = await startClusterSimulator({ port, nodes, timeScale, profile, ...(kubeconfigPath ? { kubeconfigPath } : {}) });
  const shape = profile === 'demo' ? '' : ` shaped like a fresh ${profile} cluster (its images must be loaded: POST ${sim.url}/starter-sim/v1/images/load {"images":[...]} stands in for the tool's image load)`;
  io.out(`Demo cluster: the Kubernetes API simulator (a test double, NOT a real cluster)${shape} is listening on ${sim.url}`);
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
