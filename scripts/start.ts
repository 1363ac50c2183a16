// `npm start`: the extension as a development extension in a private code-server, with an empty workspace.
// Prints the URL to open; stays up until Ctrl+C. STARTER_STACK_PORT picks the port (default: a free one).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { trackTempFolder } from './codeServer/cleanup';
import { startCodeServer } from './codeServer/server';
import { ensureCodeServer } from './codeServer/install';
import { openCluster } from '../src/kube/session';
import { startClusterSimulator } from '../sim';

/** Whether the configured current context answers; why not when it does not. */
async function reachableCluster(): Promise<string | undefined> {
  const session = await openCluster({});
  if (!session.ok) return session.error;
  try {
    const signal = AbortSignal.timeout(3000);
    const answer = await session.value.client.send(
      { method: 'GET', path: '/version', signal },
      { verb: 'get', plural: 'version', group: '' },
    );
    return answer.ok ? undefined : answer.error.message;
  } finally {
    session.value.dispose();
  }
}

/** The user's cluster when it answers; otherwise the demo cluster (the simulator, a test double), said plainly. */
async function clusterEnv(scratch: string): Promise<Record<string, string>> {
  const problem = await reachableCluster();
  if (problem === undefined) {
    console.log('Using your current kubectl context.');
    return {};
  }
  // The friendly demo profile (a cluster that already has what the stack needs), not a fresh kind/minikube one.
  const sim = await startClusterSimulator({
    profile: 'demo',
    port: 0,
    kubeconfigPath: join(scratch, 'demo-kubeconfig'),
    timeScale: 0.2,
  });
  console.log(`No reachable cluster (${problem}).`);
  console.log(
    `Started the demo cluster: the Kubernetes API simulator (a simulator, NOT a real cluster) at ${sim.url}.`,
  );
  console.log(`VS Code uses it through KUBECONFIG=${sim.kubeconfigPath}; kubectl works against it too.`);
  console.log(
    "Once the stack is deployed and its pods are ready, its loki, grafana and prometheus Services answer with SIMULATED stand-ins (sim/backends): the panel shows the pods' own logs and charts of simulated metrics.",
  );
  return { KUBECONFIG: sim.kubeconfigPath };
}

const REPO_ROOT = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const entry = await ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'starter-stack-start-'));
  trackTempFolder(scratch);
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  const port = process.env.STARTER_STACK_PORT ? Number(process.env.STARTER_STACK_PORT) : undefined;
  const env = await clusterEnv(scratch);
  const server = await startCodeServer({ entry, workspace, port, env });
  // Ctrl+C: codeServer/cleanup.ts kills the server's process group and removes the temp folders.
  console.log(
    'Starter Stack in code-server, with an empty workspace (run Generate Manifests or Deploy Starter Stack):',
  );
  console.log(`\n  ${server.workbenchUrl({ extensionDevelopmentPath: REPO_ROOT })}\n`);
  console.log(`workspace: ${workspace}`);
  console.log(`logs: ${server.logsDir} (extension host: <session>/exthost1/remoteexthost.log)`);
  console.log(
    'Rebuild with `npm run build` (or `npm run watch`) and reload the window to pick up changes. Ctrl+C stops.',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
