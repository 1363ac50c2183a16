// The in-host suite: VS Code loads this bundle (dist/test/suite.js) as `extensionTestsPath` and calls `run()`,
// in code-server (npm run test:e2e) or in desktop VS Code (npm run test:vscode). Results go to a JSON file
// the runner reads. To add an area (tree, diagnostics, panel): a new file exporting `HostTest[]`, listed below.
import { renameSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { RESULTS_ENV, resultsPathFor, type HostResults } from '../results';
import { activationTests } from './activation';
import { cancelPathTests } from './cancelPaths';
import { deployTests } from './deploy';
import { clusterDiagnosticsTests, diagnosticsTests, offlineClusterDiagnosticsTests } from './diagnostics';
import { generateTests } from './generate';
import { panelTests } from './panel';
import { treeTests } from './tree';
import { runHostTests, type HostTest, type SuiteContext } from './harness';
import { settingsTests } from './settings';
import { walkthroughTests } from './walkthrough';

/** In order: activation must come first, before any command activates the extension; the cancel paths run every command, so last. */
const TESTS: readonly HostTest[] = [
  ...activationTests,
  ...generateTests,
  ...settingsTests,
  ...diagnosticsTests,
  ...offlineClusterDiagnosticsTests,
  ...deployTests,
  ...treeTests,
  ...clusterDiagnosticsTests,
  ...panelTests,
  ...walkthroughTests,
  ...cancelPathTests,
];

export async function run(): Promise<void> {
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!workspaceFolder) throw new Error('the in-host suite needs a workspace folder');
  const context: SuiteContext = { workspaceFolder, metrics: { activationMs: null } };
  const tests = await runHostTests(TESTS, context);
  const failed = tests.filter((t) => !t.ok).length;
  const results: HostResults = { passed: tests.length - failed, failed, tests, ...context.metrics };
  writeResults(process.env[RESULTS_ENV] ?? resultsPathFor(workspaceFolder.fsPath), results);
  if (failed > 0) throw new Error(`${failed} of ${tests.length} in-host tests failed`);
}

/** Written whole, then renamed: the runner never reads half a file. */
function writeResults(path: string, results: HostResults): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
