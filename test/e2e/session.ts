// One e2e scenario's world: a fresh workspace, a private code-server, a headless Chromium on the workbench.
// Failures keep their evidence (test-results/e2e/<scenario>/); everything else is removed afterwards. Also the
// steps the UI scenarios share before their own: code-server installed, the CLI, a stack deployed to the simulator.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before } from 'node:test';
import { startClusterSimulator, type ClusterSimulator } from '../../sim';
import { EXTENSION_ROOT, REPO_ROOT, RESULTS_DIR, saveFailureArtifacts } from './artifacts';
import { launchBrowser, type Workbench } from './browser';
import { showStarterStack } from './workbenchUi';
import { forgetTempFolder, trackTempFolder } from '../../scripts/codeServer/cleanup';
import { ensureCodeServer } from '../../scripts/codeServer/install';
import { startCodeServer, type CodeServer, type WorkbenchLaunch } from '../../scripts/codeServer/server';

export interface Session {
  readonly server: CodeServer;
  readonly workbench: Workbench;
  /** The workspace folder the workbench shows (empty at the start). */
  readonly workspace: string;
  /** A scratch folder beside the workspace, removed afterwards. */
  readonly scratch: string;
  /** Saves the evidence now (for failures the body reports rather than throws). */
  keepEvidence(): Promise<void>;
}

export interface SessionOptions {
  /** code-server's entry script (from ensureCodeServer). */
  readonly entry: string;
  readonly launch: WorkbenchLaunch;
  /** Environment for code-server and its extension host, given the session's folders. */
  readonly env?: (folders: { scratch: string; workspace: string }) => Record<string, string>;
  /** Fills the workspace before the workbench opens it (e.g. `.vscode/settings.json`). */
  readonly prepareWorkspace?: (workspace: string) => void;
  /** Extension folders installed into code-server beside the development extension. */
  readonly installedExtensions?: readonly string[];
  /** The remote machine's settings (where `"scope": "machine"` settings are read in a code-server window). */
  readonly machineSettings?: Readonly<Record<string, unknown>>;
}

/** Runs `body` against a fresh workbench; on a throw, keeps screenshot and logs, then cleans up either way. */
export async function withSession<T>(
  scenario: string,
  options: SessionOptions,
  body: (session: Session) => Promise<T>,
): Promise<T> {
  rmSync(join(RESULTS_DIR, scenario), { recursive: true, force: true });
  const scratch = mkdtempSync(join(tmpdir(), `starter-stack-e2e-${scenario}-`));
  trackTempFolder(scratch);
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  options.prepareWorkspace?.(workspace);
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let evidenceKept = false;
  const keepEvidence = async () => {
    if (evidenceKept) return;
    evidenceKept = true;
    await saveFailureArtifacts(scenario, { workbench, server });
  };
  try {
    server = await startCodeServer({
      entry: options.entry,
      workspace,
      env: options.env?.({ scratch, workspace }),
      installedExtensions: options.installedExtensions,
      machineSettings: options.machineSettings,
    });
    workbench = await launchBrowser();
    await workbench.open(server.workbenchUrl(options.launch));
    return await body({ server, workbench, workspace, scratch, keepEvidence });
  } catch (error) {
    await keepEvidence();
    throw error;
  } finally {
    await workbench?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
    forgetTempFolder(scratch);
  }
}

/**
 * Installs code-server in a `before` hook of the calling `describe` (minutes on a machine's first run, which is no
 * test's time) and returns what the tests ask for its entry script.
 */
export function codeServerBeforeAll(): () => string {
  let entry = '';
  before(
    async () => {
      entry = await ensureCodeServer();
    },
    { timeout: 900_000 },
  );
  return () => entry;
}

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** Runs the built CLI (dist/cli.js) without blocking this process's event loop (the simulator lives in it). */
export function cli(...args: string[]): Promise<number> {
  return new Promise((resolve) =>
    spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' }).on('exit', (code) => resolve(code ?? 1)),
  );
}

/**
 * The generated stack deployed with the CLI (`generate`, `apply --wait`) to a fresh cluster simulator (a test
 * double) at 1/20 of real time, then `body` in a session on that cluster whose Starter Stack view shows the stack
 * 12/12 ready. `body` also gets the simulator, to change the cluster as kubectl would; it is closed afterwards.
 */
export async function withDeployedStack<T>(
  scenario: string,
  entry: string,
  body: (session: Session, cluster: ClusterSimulator) => Promise<T>,
): Promise<T> {
  const cluster = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  const manifests = join(mkdtempSync(join(tmpdir(), `starter-stack-${scenario}-`)), 'k8s');
  try {
    if ((await cli('generate', '--out', manifests)) !== 0) throw new Error('starter-stack generate failed');
    const apply = await cli('apply', manifests, '--kubeconfig', cluster.kubeconfigPath, '--wait', '--timeout', '120');
    if (apply !== 0) throw new Error(`starter-stack apply --wait exited with ${apply}`);
    const launch = { extensionDevelopmentPath: EXTENSION_ROOT };
    return await withSession(
      scenario,
      { entry, launch, env: () => ({ KUBECONFIG: cluster.kubeconfigPath }) },
      async (session) => {
        await showStarterStack(session.workbench.page, 'stack · 12/12 ready');
        return body(session, cluster);
      },
    );
  } finally {
    await cluster.close();
    rmSync(join(manifests, '..'), { recursive: true, force: true });
  }
}
