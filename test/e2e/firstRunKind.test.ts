// The first run on a fresh kind cluster, as a person does it in a real VS Code (code-server + Chromium): Deploy
// Starter Stack → the preflight says the app images are missing → Build and Load Images → the deploy continues by
// itself → dry run review → the stack is ready. The cluster is the simulator's `kind` profile (a test double: its
// kubelet fails `starter-stack/*` with ErrImagePull until they are loaded), and `docker`/`kind` are fakes
// (test/support/fakeClusterTools.ts) that load the images through the simulator's control endpoint: docker found on
// PATH, kind through the setting starterStack.toolsPath.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startClusterSimulator } from '../../sim';
import { fakeClusterTools } from '../support/fakeClusterTools';
import { until } from '../support/until';
import { EXTENSION_ROOT, SCREENSHOTS_DIR } from './artifacts';
import { cli, codeServerBeforeAll, withSession } from './session';
import {
  choosePick as choose,
  nextQuickPick,
  notification,
  pickRow,
  quickPickTitle,
  runCommand,
  showStarterStack,
  treeRow,
  waitForInputBox,
} from './workbenchUi';

const PREFLIGHT_TITLE = 'Deploy Starter Stack: preflight of';
const DRY_RUN_TITLE = 'Deploy Starter Stack: dry run';

/** Deploy Starter Stack from the palette, namespace `starter`, up to the preflight quick pick. */
async function deployToPreflight(page: Page): Promise<void> {
  await runCommand(page, 'Deploy Starter Stack');
  await waitForInputBox(page, 'starter');
  await page.keyboard.press('Enter');
  await nextQuickPick(page, [PREFLIGHT_TITLE], 'the preflight quick pick', 60_000);
  const title = (await quickPickTitle(page)) ?? '';
  assert.match(title, /preflight of kind-kind \(kind.*starter-sim simulator\)/, 'the preflight names the flavour');
  await pickRow(page, 'Deploy Anyway').waitFor({ timeout: 10_000 });
  await pickRow(page, /app-images\s*Build and Load Images, then continue the deploy/).waitFor({ timeout: 10_000 });
}

/**
 * After Build and Load Images the deploy goes on by itself: the next quick pick is the dry run's review, not the
 * preflight again. On a fresh cluster the review offers to create the namespace first, then to apply.
 */
async function reviewAndApply(page: Page): Promise<void> {
  const next = await nextQuickPick(
    page,
    [DRY_RUN_TITLE, PREFLIGHT_TITLE],
    'the next quick pick after Build and Load Images',
    120_000,
  );
  if (next !== DRY_RUN_TITLE) {
    const toasts = await page.locator('.notification-toast').allInnerTexts();
    assert.fail(
      `after Build and Load Images the preflight showed again, not the dry run; notifications: ${toasts.join(' | ')}`,
    );
  }
  await choose(page, 'Create namespace starter first, then check again');
  await nextQuickPick(page, [DRY_RUN_TITLE], 'the dry run again, with the namespace created', 60_000);
  await until(
    async () => (await pickRow(page, 'Create namespace').count()) === 0 || undefined,
    'the second dry run, checked by the server',
    30_000,
  );
  await choose(page, /Apply \d+ change\(s\)/);
}

describe('first run on a fresh kind cluster in the real VS Code (UI)', () => {
  const entry = codeServerBeforeAll();

  test('Deploy → preflight → Build and Load Images → the deploy continues → ready', { timeout: 180_000 }, async () => {
    const cluster = await startClusterSimulator({ port: 0, profile: 'kind', timeScale: 0.05 });
    // Both ways the extension finds the tools: `docker` first on code-server's PATH, `kind` only in a folder named by
    // the setting starterStack.toolsPath (no kind is installed here, so without the setting the load step fails).
    const docker = fakeClusterTools(cluster, { tools: ['docker'] });
    const kind = fakeClusterTools(cluster, { tools: ['kind'] });
    const project = join(mkdtempSync(join(tmpdir(), 'starter-stack-first-run-')), 'shop');
    try {
      assert.equal(await cli('scaffold', '--out', project), 0, 'scaffold');
      const env = () => ({
        KUBECONFIG: cluster.kubeconfigPath,
        // VS Code's server otherwise gives the extension host the login shell's environment (resolveShellEnv),
        // whose /etc/profile resets PATH; VSCODE_CLI=1 is its documented skip.
        PATH: [docker.bin, process.env.PATH ?? ''].join(delimiter),
        VSCODE_CLI: '1',
      });
      const session = {
        entry: entry(),
        env,
        launch: { extensionDevelopmentPath: EXTENSION_ROOT },
        prepareWorkspace: (workspace: string) => cpSync(project, workspace, { recursive: true }),
        machineSettings: { 'starterStack.toolsPath': [kind.bin] },
      };
      await withSession('first-run-kind', session, async ({ workbench }) => {
        const page = workbench.page;
        await showStarterStack(page);
        await deployToPreflight(page);
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'first-run-preflight.png') });

        await choose(page, 'app-images');
        await reviewAndApply(page);
        const builds = docker.calls().filter((c) => /^docker build .*starter-stack\//.test(c));
        assert.equal(builds.length, 4, docker.calls().join('\n'));
        const loads = kind.calls().filter((c) => /^kind load docker-image starter-stack\/\S+ --name kind\b/.test(c));
        assert.equal(loads.length, 4, kind.calls().join('\n'));

        const summary = notification(page, 'Starter Stack deployed to kind-kind/starter');
        await summary.waitFor({ timeout: 120_000 });
        assert.match(await summary.innerText(), /all workloads available/);
        await treeRow(page, /stack · (\d+)\/\1 ready/).waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'first-run-summary.png') });
      });
    } finally {
      await cluster.close();
      rmSync(dirname(project), { recursive: true, force: true });
      for (const fakes of [docker, kind]) rmSync(dirname(fakes.bin), { recursive: true, force: true });
    }
  });
});
