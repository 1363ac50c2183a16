// The deployed stack as a person sees it in a real VS Code: the Cluster view and the status bar, live from the
// cluster, and the observability panel beside the code. The cluster is the simulator (a test double), deployed
// to with the CLI; the screenshots' captions in the README say so. Then, on the same deploy (one deploy per file
// keeps CI short), a rollback as a person does it: node-api gets a second revision, Roll Back to This Revision on the
// first from the Cluster view, and Update Manifest to Match on the workspace manifest that still names the newer image.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ClusterSimulator } from '../../sim';
import { SCREENSHOTS_DIR } from './artifacts';
import { cli, codeServerBeforeAll, withDeployedStack, type Session } from './session';
import {
  activeEditorTab,
  activeEditorText,
  buttonIn,
  chooseRowAction,
  expandRow,
  modalDialog,
  notification,
  treeRow,
  webviewFrame,
} from './workbenchUi';
import { openObservabilityPanel, PANEL, setChecked } from './panelUi';
import { ok } from '../support/simKubectl';
import { until } from '../support/until';

/** Waits until the webview (nested frames inside the workbench) shows text matching `pattern`. */
async function panelText(page: Page, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const text = await frame
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => '');
      if (pattern.test(text)) return;
    }
    if (Date.now() > deadline) throw new Error(`the observability panel never showed ${String(pattern)}`);
    await page.waitForTimeout(500);
  }
}

/** The text of every frame of the page (the panel's webview nests frames inside the workbench). */
async function allPanelText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((f) =>
      f
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => ''),
    ),
  );
  return texts.join('\n');
}

/**
 * Ticks the first Grafana panel the panel lists and waits until it is drawn. Under code-server the panel draws
 * Grafana's panels natively (its iframes would break behind the port proxy), here from the demo cluster's simulated
 * Prometheus: a chart with at least one series in its legend. Returns the legend's series names.
 */
async function drawFirstPanel(page: Page): Promise<string[]> {
  const frame = await webviewFrame(page, PANEL.panelNote);
  const first = frame.locator(PANEL.panelChoice).first();
  await first.waitFor({ timeout: 30_000 });
  await setChecked(first, true);
  return until(
    async () => {
      if ((await frame.locator(PANEL.chartCanvas).count()) === 0) return undefined;
      const series = (await frame.locator(PANEL.legendLabels).allInnerTexts()).filter((t) => t.trim() !== '');
      return series.length > 1 ? series : undefined;
    },
    'a Grafana panel drawn from the simulated Prometheus, with its series',
    60_000,
  );
}

/** The stack as the Cluster view, the status bar and the observability panel show it. */
async function liveStackAndPanel(page: Page): Promise<void> {
  await treeRow(page, 'node-api').first().waitFor({ timeout: 30_000 });
  await page.locator('.statusbar-item', { hasText: 'starter 12/12 ready' }).waitFor({ timeout: 30_000 });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'cluster-view.png') });
  await openObservabilityPanel(page, 'starter');
  // The demo cluster's loki, grafana and prometheus Services answer (simulated stand-ins, sim/backends):
  // log lines from Loki, the stack's Grafana panels, and a chart drawn from the simulated Prometheus.
  await panelText(page, /\b[1-9][\d,]* lines\b/);
  await panelText(page, /\b[1-9]\d* panel\(s\) from Grafana/);
  const series = await drawFirstPanel(page);
  assert.ok(series.length > 1, `the chart's legend: ${series.join(', ')}`);
  const text = await allPanelText(page);
  assert.doesNotMatch(text, /not deployed|not configured|not reachable|through the Kubernetes log API/);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'observability-panel.png') });
}

const OLD_IMAGE = 'starter-stack/node-api:0.1.0';
const NEW_IMAGE = 'starter-stack/node-api:0.2.0';

/** The image node-api's pod template names, as kubectl reads it. */
function nodeApiImage(cluster: ClusterSimulator): Promise<string> {
  const path = 'jsonpath={.spec.template.spec.containers[0].image}';
  return ok(cluster, ['get', 'deployment/node-api', '-n', 'starter', '-o', path]);
}

/**
 * node-api's second revision, as a person makes one: the workspace's k8s/node-api.yaml edited to the newer image
 * and the cluster changed to match (kubectl set image; the simulator's demo profile pulls any image).
 */
async function secondRevision(session: Session, cluster: ClusterSimulator): Promise<void> {
  const generated = join(session.scratch, 'generated');
  if ((await cli('generate', '--out', generated)) !== 0) throw new Error('starter-stack generate failed');
  const manifest = readFileSync(join(generated, 'node-api.yaml'), 'utf8');
  assert.ok(manifest.includes(`image: ${OLD_IMAGE}`), `the generated node-api.yaml names ${OLD_IMAGE}`);
  const file = join(session.workspace, 'k8s', 'node-api.yaml');
  mkdirSync(join(session.workspace, 'k8s'), { recursive: true });
  writeFileSync(file, manifest.replace(`image: ${OLD_IMAGE}`, `image: ${NEW_IMAGE}`));
  await ok(cluster, ['set', 'image', 'deployment/node-api', `node-api=${NEW_IMAGE}`, '-n', 'starter']);
  await ok(cluster, ['rollout', 'status', 'deployment/node-api', '-n', 'starter', '--timeout=60s']);
}

/** Roll Back to This Revision on node-api's revision 1, from the Cluster view's context menu, confirmed. */
async function rollBackFromTree(page: Page): Promise<void> {
  await expandRow(
    page,
    treeRow(page, 'node-api').filter({ hasText: 'Deployment' }).first(),
    'the node-api Deployment row',
  );
  // Revisions are read when the row is expanded (not watched): the second revision made above is among them.
  const revisions = treeRow(page, 'Revisions').first();
  await revisions.waitFor({ timeout: 30_000 });
  await expandRow(page, revisions, "node-api's Revisions row");
  await treeRow(page, 'Revisions').filter({ hasText: 'current: 2' }).first().waitFor({ timeout: 30_000 });
  const first = treeRow(page, 'Revision 1').filter({ hasText: OLD_IMAGE }).first();
  await first.waitFor({ timeout: 30_000 });
  const dialog = modalDialog(page, 'Roll back node-api to revision 1?');
  await chooseRowAction(page, first, 'Roll Back to This Revision', dialog);
  assert.match(await dialog.innerText(), new RegExp(`node-api: ${NEW_IMAGE} → ${OLD_IMAGE}`), 'the image change');
  await buttonIn(dialog, 'Roll Back').click();
}

/** The rollback as a person sees it; throws (after keeping the evidence) when a step fails. */
async function rollBackAndUpdateManifest(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  await secondRevision(session, cluster);
  assert.equal(await nodeApiImage(cluster), NEW_IMAGE);
  await rollBackFromTree(page);
  await notification(page, 'node-api rolled back to revision 1 and is available.').waitFor({ timeout: 60_000 });
  assert.equal(await nodeApiImage(cluster), OLD_IMAGE, "node-api's pod template is back at the old image");
  const offer = notification(page, 'k8s/node-api.yaml still names the images node-api no longer runs');
  await offer.waitFor({ timeout: 30_000 });
  assert.match(await offer.innerText(), new RegExp(`node-api: ${NEW_IMAGE} → ${OLD_IMAGE}`));
  await buttonIn(offer, 'Update Manifest to Match').click();
  await notification(page, 'Updated 1 image(s) in k8s/node-api.yaml; review and save it.').waitFor({
    timeout: 30_000,
  });
  await activeEditorTab(page, 'node-api.yaml').first().waitFor({ timeout: 30_000 });
  const shown = await until(
    async () => ((await activeEditorText(page)).includes(`image: ${OLD_IMAGE}`) ? activeEditorText(page) : undefined),
    `the editor showing node-api.yaml with image: ${OLD_IMAGE}`,
    30_000,
    250,
  );
  assert.doesNotMatch(shown, new RegExp(`image: ${NEW_IMAGE}`));
  // Not checked: that the file on disk still names the newer image. The edit is left unsaved, but code-server's
  // default files.autoSave (afterDelay in VS Code for the web) saves it a second later.
}

describe('the deployed stack in the Cluster view (UI)', () => {
  const entry = codeServerBeforeAll();

  test('the deployed stack, then a rollback from the Cluster view', { timeout: 330_000 }, (t) =>
    withDeployedStack('deployed-stack', entry(), async (session, cluster) => {
      // Subtests share the deploy; a failing one keeps its evidence (withDeployedStack does so only on a throw).
      const step = (name: string, timeout: number, run: () => Promise<void>) =>
        t.test(name, { timeout }, () =>
          run().catch(async (error: unknown) => {
            await session.keepEvidence();
            throw error;
          }),
        );
      await step(
        'the view shows the stack live, the status bar its health, and the panel opens beside the code',
        240_000,
        () => liveStackAndPanel(session.workbench.page),
      );
      await step(
        'Roll Back to This Revision returns node-api to its old image, and Update Manifest to Match edits the manifest',
        90_000,
        () => rollBackAndUpdateManifest(session, cluster),
      );
    }),
  );
});
