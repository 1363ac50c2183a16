// End-to-end tests in a real VS Code: code-server 4.100.3 driven by Debian's headless Chromium.
// `npm run test:e2e` builds first; code-server is installed on first use (scripts/codeServer/install.ts).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EXTENSION_ROOT, SCREENSHOTS_DIR } from './artifacts';
import { runHostSuite } from './hostSuite';
import { type HostResults } from './results';
import { withSession } from './session';
import { ensureCodeServer } from '../../scripts/codeServer/install';
import {
  activeEditorTab,
  explorerItem,
  findInCommandPalette,
  notification,
  waitForInputBox,
  waitForMultiSelect,
} from './workbenchUi';

// The suite body runs the in-host suite first, then declares one test per in-host check, so the runner's
// counts are the in-host counts. A run that produced no results becomes one failing test.
describe('in-host suite (real vscode API, code-server)', async () => {
  let results: HostResults;
  try {
    results = await runHostSuite(await ensureCodeServer());
  } catch (error) {
    test('runs in code-server', () => {
      throw error;
    });
    return;
  }
  const activation = results.activationMs === null ? 'already active' : `${results.activationMs} ms`;
  const details = [
    results.peerActivationMs === undefined
      ? undefined
      : `an extension that does nothing, same host: ${results.peerActivationMs} ms`,
    results.minimalPeerActivationMs === undefined
      ? undefined
      : `one that loads the vscode API and registers a command: ${results.minimalPeerActivationMs} ms`,
    results.reportedActivationMs === undefined ? undefined : `inside activate(): ${results.reportedActivationMs} ms`,
    results.load ? `load ${results.load.average1m} on ${results.load.cpus} CPUs` : undefined,
  ].filter(Boolean);
  console.log(`activation: ${activation}${details.length ? ` (${details.join('; ')})` : ''}`);
  for (const result of results.tests) {
    test(result.name, () => {
      if (result.ok) return;
      // The host's own stack, not this loop's.
      const failure = new Error(result.error?.split('\n')[0] ?? 'failed');
      failure.stack = result.error ?? failure.message;
      throw failure;
    });
  }
});

describe('Generate Manifests from the command palette (UI)', () => {
  test('defaults all the way: k8s/ appears in the Explorer and on disk', { timeout: 180_000 }, async () => {
    const entry = await ensureCodeServer();
    await withSession(
      'palette-generate',
      { entry, launch: { extensionDevelopmentPath: EXTENSION_ROOT } },
      async ({ workbench: { page }, workspace }) => {
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        await findInCommandPalette(page, 'Starter Stack: Generate Manifests');
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'generate-palette.png') });
        await page.keyboard.press('Enter');

        await waitForInputBox(page, 'starter');
        await page.keyboard.press('Enter');
        const selected = await waitForMultiSelect(page);
        assert.ok(selected > 0, 'no component is pre-selected');
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'generate-quickpick.png') });
        await page.keyboard.press('Enter');
        await waitForInputBox(page, 'starter-stack');
        await page.keyboard.press('Enter');
        await waitForInputBox(page, '127.0.0.1.nip.io');
        await page.keyboard.press('Enter');

        await activeEditorTab(page, 'kustomization.yaml').waitFor({ timeout: 30_000 });
        await explorerItem(page, 'k8s').waitFor({ timeout: 30_000 });
        await explorerItem(page, 'kustomization.yaml').waitFor({ timeout: 30_000 });
        await notification(page, 'Starter Stack: wrote').waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'generate-result.png') });

        const k8s = join(workspace, 'k8s');
        assert.ok(existsSync(join(k8s, 'kustomization.yaml')), 'k8s/kustomization.yaml is not on disk');
        const manifests = readdirSync(k8s).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
        // Every ticked component plus the namespace, which the pick does not offer.
        assert.equal(
          manifests.length,
          selected + 1,
          `expected ${selected + 1} manifests, found ${manifests.join(', ')}`,
        );
        assert.match(
          readFileSync(join(k8s, 'node-api.yaml'), 'utf8'),
          /^\s+namespace: starter$/m,
          'node-api.yaml is not in the default namespace',
        );
        assert.match(
          readFileSync(join(k8s, 'node-api.yaml'), 'utf8'),
          /^kind: Deployment$/m,
          'node-api.yaml has no Deployment',
        );
      },
    );
  });
});
