// One e2e scenario's world: a fresh workspace, a private code-server, a headless Chromium on the workbench.
// Failures keep their evidence (test-results/e2e/<scenario>/); everything else is removed afterwards.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULTS_DIR, saveFailureArtifacts } from './artifacts';
import { launchBrowser, type Workbench } from './browser';
import { forgetTempFolder, trackTempFolder } from '../../scripts/codeServer/cleanup';
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
