// A load test as a person runs it in a real VS Code (code-server + Chromium): Start Load Test on node-api from the
// palette, the Cluster view shows its HPA's desired replicas rising and new pods appearing, the panel scoped to
// node-api shows k6's figures beside the CPU chart, and after Stop Load Test the HPA row counts the scale-down down,
// then returns to its minimum. The cluster is the simulator (a test double) at 1/20 of real time (timeScale 0.05):
// its HPA's 300 s scale-down window passes in 15 s, while the tree counts the window in the cluster's own seconds.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from './artifacts';
import { codeServerBeforeAll, withDeployedStack } from './session';
import { expandRow, runCommand, treeRow, waitForInputBox, webviewFrame } from './workbenchUi';
import { axeViolations, panelChoice, PANEL, setChecked } from './panelUi';
import { until } from '../support/until';

const LOAD = {
  card: '.load-panel',
  status: '.load-panel .load-status',
  figures: '.load-panel .load-figures',
  canvas: '.load-panel canvas',
  toggle: '.load-panel .table-toggle',
  tableRows: '.load-panel .chart-table tbody tr',
  otherCanvas: '.panel:not(.load-panel) .chart canvas',
} as const;

/** Replaces an input box's offered value (`offered`) with `value` and accepts it. */
async function answer(page: Page, offered: string, value: string): Promise<void> {
  await waitForInputBox(page, offered);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** The HPA row of node-api: `current/desired · cpu N%/70% · 2–5 …` (its label is the HPA's name). */
function hpaRow(page: Page): Locator {
  return treeRow(page, /\d+\/\d+ · cpu (\d+%|\?)\/\d+% · 2–5/);
}

async function hpaReplicas(page: Page): Promise<{ current: number; desired: number; text: string }> {
  const text =
    (await hpaRow(page)
      .first()
      .innerText({ timeout: 1000 })
      .catch(() => '')) ?? '';
  const [, current, desired] = /(\d+)\/(\d+) · cpu/.exec(text) ?? [];
  return { current: Number(current ?? 0), desired: Number(desired ?? 0), text };
}

/** Widens the side bar so the HPA row's description (replicas, CPU, bounds, countdown) is not cut off. */
async function widenSideBar(page: Page): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  await page.mouse.move(x, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(x + 260, box.y + 200, { steps: 8 });
  await page.mouse.up();
}

async function startLoadFromPalette(page: Page): Promise<void> {
  await runCommand(page, 'Starter Stack: Start Load Test');
  // The Services' pick opens once the command has listed them: typing earlier would go nowhere.
  await page.locator('.quick-input-box input[placeholder="Service in starter to load"]').waitFor();
  await page.keyboard.type('node-api');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'node-api' }).waitFor();
  await page.keyboard.press('Enter');
  await answer(page, '100', '200');
  await answer(page, '5m', '1h');
  await answer(page, '/', '/api-node/users');
}

/** The tree during the test: desired replicas above the minimum and more node-api pods than the minimum. */
async function treeScalesUp(page: Page): Promise<string> {
  const workload = treeRow(page, 'node-api').filter({ hasText: 'Deployment' }).first();
  await expandRow(page, workload, 'the node-api Deployment row');
  await hpaRow(page).first().waitFor({ timeout: 30_000 });
  return until(
    async () => {
      const hpa = await hpaReplicas(page);
      const pods = await treeRow(page, /^\s*node-api-[a-z0-9]+-[a-z0-9]{5}(?![a-z0-9])/).count();
      return hpa.desired > 2 && hpa.current > 2 && pods > 2 && `${hpa.text} with ${pods} pods`;
    },
    'the HPA row showing desired replicas above the minimum (2) and new node-api pods in the tree',
    60_000,
    250,
  );
}

/** The panel scoped to node-api: k6's card with its figures and chart, and the stack's CPU chart beside it. */
async function panelShowsLoad(page: Page): Promise<Frame> {
  const workload = treeRow(page, 'node-api').filter({ hasText: 'Deployment' }).first();
  await workload.hover();
  await workload.locator('.action-label[aria-label="Open in Panel"]').click();
  await page.locator('.tab', { hasText: 'Observe: node-api' }).waitFor({ timeout: 30_000 });
  const frame = await webviewFrame(page, LOAD.card);
  await until(
    async () =>
      /k6 Job load-node-api sends to Service node-api/.test(await frame.locator(LOAD.status).innerText()) &&
      /^Now: [\d.]+ req\/s, p95 [\d.]+ ms, errors 0\.0%$/.test(await frame.locator(LOAD.figures).innerText()) &&
      (await frame.locator(LOAD.canvas).count()) > 0,
    "the load card showing k6's rate, p95 and errors, and its chart",
    60_000,
  );
  await setChecked(panelChoice(frame, 'Node API · CPU'), true);
  await until(
    async () =>
      (await frame.locator(LOAD.otherCanvas).count()) > 0 && (await frame.locator(PANEL.legendLabels).count()) > 3,
    'the CPU chart drawn beside the load card',
    60_000,
  );
  return frame;
}

describe('a load test on node-api in the real VS Code (UI)', () => {
  const entry = codeServerBeforeAll();

  test(
    'the tree shows the HPA scaling up, the panel k6 beside CPU, and after stop the scale-down counted down',
    { timeout: 240_000 },
    () =>
      withDeployedStack('load-test', entry(), async ({ workbench }) => {
        const page = workbench.page;
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        await widenSideBar(page);
        // Progress and info toasts would cover the charts in the screenshots; the assertions read the tree.
        await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode');
        await startLoadFromPalette(page);
        const scaled = await treeScalesUp(page);
        assert.match(scaled, /cpu \d+%\/70%/);
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'load-test-tree.png') });

        const frame = await panelShowsLoad(page);
        await frame.locator(LOAD.card).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'load-test-panel.png') });
        // The chart's text alternative lists k6's points.
        await frame.locator(LOAD.toggle).click();
        await until(async () => (await frame.locator(LOAD.tableRows).count()) > 0, 'the load table');
        const blocking = (await axeViolations(frame)).filter((f) => f.impact === 'serious' || f.impact === 'critical');
        assert.deepEqual(
          blocking.map((f) => `${f.impact ?? '?'} ${f.id} (${f.help}) at ${f.targets.join(' | ')}`),
          [],
          'axe-core finds no serious or critical violation with the load card and its table shown',
        );
        await frame.locator(LOAD.toggle).click();

        await runCommand(page, 'Starter Stack: Stop Load Test');
        const countdown = await until(
          async () => /scale-down in (\d+m )?\d+s/.exec((await hpaReplicas(page)).text)?.[0],
          'the HPA row counting the scale-down down after Stop Load Test',
          30_000,
          200,
        );
        assert.ok(countdown);
        await page.screenshot({ path: join(SCREENSHOTS_DIR, 'load-test-scale-down.png') });
        await until(
          async () => /No load test sends to node-api/.test(await frame.locator(LOAD.status).innerText()),
          'the load card saying no load test runs any more',
        );
        await until(
          async () => {
            const hpa = await hpaReplicas(page);
            return hpa.current === 2 && hpa.desired === 2;
          },
          'the HPA back at its minimum (2/2) once the window has passed',
          60_000,
        );
      }),
  );
});
