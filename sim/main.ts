// Command-line entry: starts the cluster simulator (a test double) and keeps it up until SIGINT/SIGTERM.
//   node --import tsx sim/main.ts [--port N] [--kubeconfig PATH] [--nodes N] [--time-scale X] [--profile demo|kind|minikube|docker-desktop|k3d]
import { parseArgs } from 'node:util';
import { isSimProfileName, SIM_PROFILES, startClusterSimulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    kubeconfig: { type: 'string' },
    nodes: { type: 'string' },
    'time-scale': { type: 'string' },
    token: { type: 'string' },
    profile: { type: 'string' },
  },
});
async function main(): Promise<void> {
  const profile = values.profile ?? 'demo';
  if (!isSimProfileName(profile))
    throw new Error(`--profile must be one of ${SIM_PROFILES.join(', ')}, got "${profile}"`);
  const sim = await startClusterSimulator({
    port: values.port ? Number(values.port) : 0,
    ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
    ...(values.nodes ? { nodes: Number(values.nodes) } : {}),
    ...(values['time-scale'] ? { timeScale: Number(values['time-scale']) } : {}),
    ...(values.token ? { token: values.token } : {}),
    profile,
  });
  console.log(
    `starter-sim (Kubernetes API test double, not a real cluster; profile ${sim.profile}) listening on ${sim.url}`,
  );
  console.log(`kubeconfig: ${sim.kubeconfigPath}`);
  console.log(`try: kubectl --kubeconfig ${sim.kubeconfigPath} get nodes`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('starter-sim failed to start:', err);
  process.exit(1);
});
