// `npm run test:vscode`: the in-host suite (dist/test/suite.js) in desktop VS Code via @vscode/test-electron.
// For machines that can download VS Code (or have one: VSCODE_EXECUTABLE=/path/to/code). Where neither works,
// `npm run test:e2e` runs the same suite in code-server. On Linux without a display: xvfb-run -a npm run test:vscode.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const suite = join(root, 'dist', 'test', 'suite.js');
// The version code-server 4.100.3 embeds, so both runners test the same VS Code.
const version = process.env.STARTER_STACK_VSCODE_VERSION ?? '1.100.3';

async function vscodeExecutable() {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  try {
    return await downloadAndUnzipVSCode(version);
  } catch (error) {
    console.error(
      `test:vscode: cannot download VS Code ${version} (${error instanceof Error ? error.message : error}).\n` +
        'This runner needs https://update.code.visualstudio.com, or an installed VS Code: VSCODE_EXECUTABLE=/path/to/code npm run test:vscode.\n' +
        'Without either, run the same in-host suite in code-server: npm run test:e2e.',
    );
    process.exit(2);
  }
}

function report(resultsFile) {
  if (!existsSync(resultsFile)) {
    console.error(`test:vscode: the in-host suite wrote no results (${resultsFile}); see VS Code's output above.`);
    return false;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const test of results.tests)
    console.log(`${test.ok ? '✔' : '✖'} ${test.name} (${test.ms} ms)${test.ok ? '' : `\n  ${test.error}`}`);
  console.log(`activation: ${results.activationMs === null ? 'already active' : `${results.activationMs} ms`}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0;
}

if (!existsSync(suite)) {
  console.error(`test:vscode: ${suite} is missing; run npm run build first (npm run test:vscode does).`);
  process.exit(1);
}
const executable = await vscodeExecutable();
const scratch = mkdtempSync(join(tmpdir(), 'starter-stack-vscode-'));
const workspace = join(scratch, 'workspace');
mkdirSync(workspace);
const resultsFile = join(scratch, 'e2e-results.json');
let ok = false;
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    extensionTestsEnv: { STARTER_STACK_E2E_RESULTS: resultsFile },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  }).catch((error) => console.error(`test:vscode: ${error instanceof Error ? error.message : error}`));
  ok = report(resultsFile);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
