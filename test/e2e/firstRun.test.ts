// The first run on a fresh kind cluster in a real VS Code: Deploy shows the preflight with `app-images` a blocker,
// "Build and Load Images" runs the pipeline (fake docker and kind on PATH, which load into the simulated node
// through the simulator's control endpoint) and the deploy continues by itself to a ready stack. The cluster is the
// simulator's `kind` profile (a test double); the README's captions say so.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, test } from 'node:test';
import { startClusterSimulator } from '../../sim';
import { fakeClusterTools } from '../support/fakeClusterTools';
import { REPO_ROOT, SCREENSHOTS_DIR } from './artifacts';
import { EXTENSION_ROOT } from './hostSuite';
import { withSession } from './session';
import { ensureCodeServer } from '../../scripts/codeServer/install';
import {
  findInCommandPalette,
  notification,
  pickQuickPickRow,
  waitForInputBox,
  waitForQuickPickTitled,
} from './workbenchUi';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** The scaffolded project (apps/ and k8s/) a new user starts from; written before the workbench opens. */
function scaffold(workspace: string): void {
  const run = spawnSync(process.execPath, [CLI, 'scaffold', '--out', workspace, '--force'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `starter-stack scaffold failed: ${run.stderr}`);
}

describe('first run on a fresh kind cluster (UI, simulator kind profile)', () => {
  test(
    'Deploy → preflight (app-images blocks) → Build and Load Images → the deploy continues to a ready stack',
    { timeout: 300_000 },
    async () => {
      const entry = await ensureCodeServer();
      const cluster = await startClusterSimulator({ port: 0, profile: 'kind', timeScale: 0.05 });
      const tools = fakeClusterTools(cluster, { tools: ['docker', 'kind'] });
      const env = () => ({
        KUBECONFIG: cluster.kubeconfigPath,
        PATH: [tools.bin, process.env.PATH ?? ''].join(delimiter),
      });
      try {
        const launch = { extensionDevelopmentPath: EXTENSION_ROOT };
        await withSession('first-run', { entry, launch, env, prepareWorkspace: scaffold }, async ({ workbench }) => {
          const page = workbench.page;
          mkdirSync(SCREENSHOTS_DIR, { recursive: true });
          await findInCommandPalette(page, 'Deploy Starter Stack');
          await page.keyboard.press('Enter');
          await waitForInputBox(page, 'starter');
          await page.keyboard.press('Enter');

          const preflight = await waitForQuickPickTitled(page, 'preflight of kind-kind (kind', 60_000);
          const images = preflight.locator('.quick-input-list .monaco-list-row', { hasText: 'app-images' });
          await images.waitFor({ timeout: 10_000 });
          assert.equal(await images.locator('.codicon-error').count(), 1, 'app-images is not shown as a blocker');
          assert.match(await images.innerText(), /Build and Load Images/);
          await page.screenshot({ path: join(SCREENSHOTS_DIR, 'first-run-preflight.png') });
          await pickQuickPickRow(preflight, 'app-images');

          // The images are loaded, the preflight passes, and the deploy goes on to its dry run by itself.
          const review = await waitForQuickPickTitled(page, 'dry run (nothing changed yet)', 120_000);
          const loads = tools.calls().filter((c) => c.startsWith('kind load docker-image starter-stack/'));
          assert.equal(loads.length, 4, tools.calls().join('\n'));
          await pickQuickPickRow(review, 'Apply');

          await notification(page, 'Starter Stack deployed to kind-kind/starter')
            .filter({ hasText: 'all workloads available' })
            .waitFor({ timeout: 180_000 });
          await page.screenshot({ path: join(SCREENSHOTS_DIR, 'first-run-deployed.png') });
        });
      } finally {
        await cluster.close();
      }
    },
  );
});
