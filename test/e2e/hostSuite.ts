// Runs the in-host suite (dist/test/suite.js) inside code-server and returns what it wrote. The results path is
// passed in the environment and is also where the suite looks without it (beside the workspace folder).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ROOT, REPO_ROOT, RESULTS_DIR } from './artifacts';
import { RESULTS_ENV, resultsPathFor, type HostResults } from './results';
import { withSession } from './session';
import { startClusterSimulator } from '../../sim';

export const SUITE_BUNDLE = join(REPO_ROOT, 'dist', 'test', 'suite.js');

/** Activated just before ours in the same host, as baselines for activation time: one does nothing at all, one
 * does the least a real extension does (loads the vscode API, registers a command). */
export const ACTIVATION_PEERS = [
  join(REPO_ROOT, 'test', 'fixtures', 'activation-peer'),
  join(REPO_ROOT, 'test', 'fixtures', 'activation-peer-minimal'),
];

/** Opens a fresh workspace with the extension and the suite, waits for the results file (none in time: failure). */
export async function runHostSuite(entry: string, timeoutMs = 360_000): Promise<HostResults> {
  if (!existsSync(SUITE_BUNDLE))
    throw new Error(`${SUITE_BUNDLE} is missing: run \`npm run build\` first (npm run test:e2e does)`);
  const launch = { extensionDevelopmentPath: EXTENSION_ROOT, extensionTestsPath: SUITE_BUNDLE };
  // The cluster the in-host checks deploy to: the simulator (a test double), reached through KUBECONFIG as a user's would be.
  const cluster = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  const env = ({ workspace }: { workspace: string }) => ({
    [RESULTS_ENV]: resultsPathFor(workspace),
    KUBECONFIG: cluster.kubeconfigPath,
  });
  try {
    return await withSession(
      'host-suite',
      { entry, launch, env, installedExtensions: ACTIVATION_PEERS },
      async (session) => {
        const results = await waitForResults(resultsPathFor(session.workspace), timeoutMs);
        mkdirSync(RESULTS_DIR, { recursive: true });
        writeFileSync(join(RESULTS_DIR, 'host-results.json'), JSON.stringify(results, null, 2));
        if (results.failed > 0) await session.keepEvidence();
        return results;
      },
    );
  } finally {
    await cluster.close();
  }
}

async function waitForResults(path: string, timeoutMs: number): Promise<HostResults> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as HostResults;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `the in-host suite wrote no results to ${path} within ${timeoutMs / 1000} s (see the extension host log)`,
  );
}
