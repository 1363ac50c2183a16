// A Cluster view row's context menu while the row is redrawn by live updates, in a real VS Code (code-server +
// Chromium), on the stack deployed to the simulator (a test double) at 1/20 of real time. VS Code hands a row's menu
// action the row's element, found by the row's handle in the extension host; while a row above it is redrawn (here the
// namespace's ready count, as prometheus scales up and down) that host has dropped the handles under it for a moment,
// and the action gets `undefined` (microsoft/vscode#144250). Seen here before the fix: "Scale…" on mongo asked
// "Workload in starter" in 8 of 15 tries. What must hold: an action chosen after the redraw acts on its row, and one
// that lost its row says so and does nothing (no picker asking again, no guessed target).
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { ClusterSimulator } from '../../sim';
import { ok } from '../support/simKubectl';
import { until } from '../support/until';
import { SCREENSHOTS_DIR } from './artifacts';
import { PANEL } from './panelUi';
import { cli, codeServerBeforeAll, withDeployedStack, type Session } from './session';
import {
  activeEditorTab,
  activeEditorText,
  buttonIn,
  chooseFromContextMenu,
  chooseRowAction,
  dismissLostRow,
  editorTab,
  LOST_ROW,
  expandRow,
  modalDialog,
  notification,
  treeRow,
  waitForInputBox,
  webviewFrame,
} from './workbenchUi';

const MENU_ITEM = '.monaco-menu .action-item .action-label';
const QUICK_INPUT = '.quick-input-widget';

/** A Deployment's row in the Cluster view (`postgres`, not `postgres-go`). */
function deploymentRow(page: Page, name: string): Locator {
  return treeRow(page, new RegExp(`^\\s*${name}\\s*Deployment ·`)).first();
}

/** Right-clicks the row and waits for its menu to offer `label`; returns that menu item. */
async function openMenu(page: Page, row: Locator, label: string): Promise<Locator> {
  await row.click({ button: 'right' });
  const item = page.locator(MENU_ITEM, { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  return item;
}

/** What the screen asks or says after a menu choice: the quick input's title or placeholder, or the lost-row warning. */
async function nextPrompt(page: Page): Promise<string> {
  return until(
    async () => {
      if (await notification(page, LOST_ROW).first().isVisible()) return 'lost row';
      const widget = page.locator(QUICK_INPUT);
      if (!(await widget.isVisible())) return false;
      const title = (
        await widget
          .locator('.quick-input-title')
          .innerText({ timeout: 1000 })
          .catch(() => '')
      ).trim();
      const placeholder = await widget.locator('input').first().getAttribute('placeholder', { timeout: 1000 });
      return title || placeholder || false;
    },
    'a prompt or a message after the menu choice',
    30_000,
    50,
  );
}

/** Closes the quick input or the lost-row message the last choice brought up. */
async function dismiss(page: Page): Promise<void> {
  if (await page.locator(QUICK_INPUT).isVisible()) await page.keyboard.press('Escape');
  await dismissLostRow(page);
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Scales a Deployment as kubectl does: the row's ready count and the namespace's change as the simulator follows. */
function scale(cluster: ClusterSimulator, name: string, replicas: number): Promise<string> {
  return ok(cluster, ['-n', 'starter', 'scale', `deployment/${name}`, `--replicas=${replicas}`]);
}

/** The menu stays open while the row under it is redrawn (frontend 2/2 → 3/3); its actions then act on that row. */
async function actionsAfterRedraw(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  const before = await deploymentRow(page, 'frontend').innerText();
  const liveYaml = await openMenu(page, deploymentRow(page, 'frontend'), 'Show Live YAML');
  await scale(cluster, 'frontend', 3);
  await until(
    async () => /3\/3 ready/.test(await deploymentRow(page, 'frontend').innerText()),
    `frontend's row redrawn from "${before}" to 3/3 ready`,
    60_000,
    100,
  );
  assert.ok(await liveYaml.isVisible(), 'the menu is still open over the redrawn row');
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'tree-menu-over-redrawn-row.png') });
  await liveYaml.click();
  await activeEditorTab(page, 'frontend (live).yaml').waitFor({ timeout: 30_000 });

  const scaleItem = await openMenu(page, deploymentRow(page, 'frontend'), 'Scale…');
  await scale(cluster, 'frontend', 2);
  await until(
    async () => /2\/2 ready/.test(await deploymentRow(page, 'frontend').innerText()),
    "frontend's row redrawn to 2/2 ready",
    60_000,
    100,
  );
  await scaleItem.click();
  assert.equal(await nextPrompt(page), 'Scale Deployment frontend', 'Scale… asks for the clicked row, not a picker');
  await dismiss(page);
}

/**
 * prometheus scales 1 ⇄ 2 without pause, so the namespace row (`11/12 ready` ⇄ `12/12 ready`) is redrawn again and
 * again while "Scale…" is chosen on mongo: each choice asks to scale mongo, or says the row was lost and does nothing.
 */
async function actionsDuringRedraws(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  let flapping = true;
  const flap = (async () => {
    for (let i = 0; flapping; i++) await scale(cluster, 'prometheus', 1 + (i % 2)).catch(() => undefined);
  })();
  const outcomes: string[] = [];
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      const item = await openMenu(page, deploymentRow(page, 'mongo'), 'Scale…');
      // Spread the choices over the redraw cycle (a person takes a moment to choose).
      await page.waitForTimeout(100 * (attempt % 6));
      await item.click();
      const prompt = await nextPrompt(page);
      outcomes.push(prompt);
      if (prompt === 'lost row') await page.screenshot({ path: join(SCREENSHOTS_DIR, 'tree-menu-lost-row.png') });
      await dismiss(page);
    }
  } finally {
    flapping = false;
    await flap;
  }
  console.log(`Scale… on mongo during redraws: ${JSON.stringify(outcomes)}`);
  assert.deepEqual(
    outcomes.filter((o) => o !== 'Scale Deployment mongo' && o !== 'lost row'),
    [],
    'every choice asked to scale mongo or said its row was lost',
  );
}

/** The lines the extension wrote to its "Starter Stack" output channel (VS Code keeps each channel in a log file). */
function outputChannel(session: Session): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('Starter Stack.log')) files.push(join(dir, e.name));
  };
  walk(session.server.logsDir);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/**
 * "Scale…" on node-api, which its HorizontalPodAutoscaler scales: the modal says so with the bounds, "Edit Autoscaler
 * Bounds" asks for them and patches the autoscaler (kubectl reads them), and the output channel records the change.
 */
async function scaleUnderAutoscaler(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  const dialog = modalDialog(page, 'Deployment node-api is scaled by an autoscaler');
  // The namespace row may still be redrawn after the flapping above: a lost row says so, and a user chooses again.
  await chooseRowAction(page, deploymentRow(page, 'node-api'), 'Scale…', dialog);
  assert.match(
    (await dialog.innerText()).replace(/\s+/g, ' '),
    /HorizontalPodAutoscaler node-api keeps node-api between 2 and 5 replicas and sets the count itself/,
  );
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'tree-scale-under-autoscaler.png') });
  await buttonIn(dialog, 'Edit Autoscaler Bounds').click();
  await waitForInputBox(page, '2-5');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3-6');
  await page.keyboard.press('Enter');
  const bounds = '{.spec.minReplicas}-{.spec.maxReplicas}';
  await until(
    async () => (await ok(cluster, ['-n', 'starter', 'get', 'hpa', 'node-api', '-o', `jsonpath=${bounds}`])) === '3-6',
    'the autoscaler patched to 3-6',
    30_000,
    200,
  );
  await until(
    () =>
      /PATCH horizontalpodautoscalers\.autoscaling starter\/node-api in context \S+: 200/.test(outputChannel(session)),
    'the output channel recording the autoscaler change',
    30_000,
    200,
  );
}

/** A page on 127.0.0.1 standing in for the frontend's pods (the simulator runs no containers). */
async function standInPage(title: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>${title}</title><p>${title}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** frontend's row expanded; returns the row of its first pod. */
async function firstFrontendPod(page: Page): Promise<Locator> {
  await expandRow(page, deploymentRow(page, 'frontend'), 'frontend');
  const pod = treeRow(page, /^\s*frontend-[a-z0-9]+-[a-z0-9]{5}/).first();
  await pod.waitFor({ timeout: 30_000 });
  return pod;
}

/**
 * "Port Forward…" on a frontend pod, then "Open in Browser": under code-server the browser is not on the extension's
 * machine, so the tab opens code-server's port proxy for the forward (asExternalUri) and shows the pod's page.
 */
async function portForwardOpensInBrowser(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  const title = 'frontend stand-in (starter-sim)';
  const app = await standInPage(title);
  try {
    cluster.routeService('starter', 'frontend', 80, { host: '127.0.0.1', port: (app.address() as AddressInfo).port });
    const toast = notification(page, 'Forwarding 127.0.0.1:');
    await chooseRowAction(page, () => firstFrontendPod(page), 'Port Forward…', toast);
    const port = Number(/Forwarding 127\.0\.0\.1:(\d+)/.exec(await toast.first().innerText())?.[1]);
    const opened = page.context().waitForEvent('page', { timeout: 30_000 });
    await buttonIn(toast.first(), 'Open in Browser').click();
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded');
    assert.equal(
      tab.url(),
      `${session.server.url.replace(/\/$/, '')}/proxy/${port}/`,
      "code-server's proxy of the forward",
    );
    await until(async () => (await tab.title()) === title || undefined, "the pod's page in the new tab", 30_000);
    await tab.close();
  } finally {
    await new Promise((resolve) => app.close(resolve));
  }
}

/**
 * frontend's route row (`/ → frontend:http`): "Open URL" opens the route's URL in a new tab; "Reveal Manifest" opens
 * the workspace manifest that defines the Ingress at its name.
 */
async function routeRowActions(session: Session): Promise<void> {
  const page = session.workbench.page;
  if ((await cli('generate', '--out', join(session.workspace, 'k8s'))) !== 0) throw new Error('generate failed');
  const route = treeRow(page, /^\s*\/ → frontend:http/).first();
  await route.waitFor({ timeout: 30_000 });
  assert.match(await route.innerText(), /http:\/\/127\.0\.0\.1\.nip\.io\//, 'the row shows its URL');
  // The tab asks for the route's host, which does not resolve offline: what it asked for is what counts.
  const asked = page.context().waitForEvent('request', {
    predicate: (r) => r.url().startsWith('http://127.0.0.1.nip.io/'),
    timeout: 30_000,
  });
  const opened = page.context().waitForEvent('page', { timeout: 30_000 });
  await chooseFromContextMenu(page, route, 'Open URL');
  // VS Code asks before opening a site outside its trusted domains.
  const ask = modalDialog(page, 'open the external website');
  if (
    await ask.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    )
  )
    await buttonIn(ask, 'Open').first().click();
  const [tab, request] = await Promise.all([opened, asked]);
  assert.equal(request.url(), 'http://127.0.0.1.nip.io/', 'the new tab asked for the route URL');
  await tab.close();
  await chooseRowAction(page, route, 'Reveal Manifest', activeEditorTab(page, 'ingress.yaml'));
  assert.match(await activeEditorText(page), /kind: Ingress/, 'the Ingress manifest');
}

/** A pod's age on its row goes on counting (twice) while the pod itself does not change: a timer redraws it. */
async function podAgesCount(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  const pod = await firstFrontendPod(page);
  const name = /^\s*(frontend-[a-z0-9]+-[a-z0-9]{5})/.exec(await pod.innerText())?.[1] ?? '';
  const ageOf = async () => /· (\d+[smhd]) ·/.exec(await pod.innerText())?.[1];
  const version = () =>
    ok(cluster, ['-n', 'starter', 'get', 'pod', name, '-o', 'jsonpath={.metadata.resourceVersion}']);
  const [before, versionBefore] = [await ageOf(), await version()];
  assert.ok(before, `an age on ${name}'s row`);
  const advance = (from: string) =>
    until(async () => (await ageOf()) !== from && ageOf(), `${name}'s age moving on from ${from}`, 75_000, 500);
  const after = await advance(before);
  const later = await advance(after);
  assert.equal(await version(), versionBefore, `${name} itself did not change: time alone redrew its row`);
  console.log(`${name}: age ${before} → ${after} → ${later}`);
}

/**
 * grafana scaled to 0 (kubectl), then "Open in Panel" on frontend: with no endpoint behind the grafana Service the
 * panel's Explore button is disabled and says why (its tooltip, and its description for a screen reader), and
 * pressing it opens nothing.
 */
async function exploreWithoutGrafana(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  await scale(cluster, 'grafana', 0);
  await until(
    async () => /0\/0 ready/.test(await deploymentRow(page, 'grafana').innerText()),
    "grafana's row at 0/0 ready",
    60_000,
    200,
  );
  await chooseRowAction(page, deploymentRow(page, 'frontend'), 'Open in Panel', editorTab(page, 'Observe: frontend'));
  const frame = await webviewFrame(page, PANEL.explore);
  const explore = frame.locator(PANEL.explore);
  await until(async () => (await explore.getAttribute('aria-disabled')) === 'true', 'Explore disabled', 60_000, 200);
  const why = (await explore.getAttribute('title')) ?? '';
  assert.match(
    why,
    /^Explore needs Grafana, which is not available: .*no endpoints behind Service grafana in namespace starter/,
    `the tooltip says why: ${why}`,
  );
  assert.equal(
    (await frame.locator('#explore-reason').textContent())?.trim(),
    why,
    'a screen reader reads the same reason (aria-describedby)',
  );
  const tabs = page.context().pages().length;
  // Still in the Tab order, so a keyboard user reaches it; Enter on it opens nothing.
  await explore.focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  assert.equal(page.context().pages().length, tabs, 'Explore opened nothing');
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'tree-open-in-panel-explore-disabled.png') });
}

describe('Cluster view row menus across live updates (UI)', () => {
  const entry = codeServerBeforeAll();

  test('row actions act on their row across redraws, or say the row was lost', { timeout: 600_000 }, (t) =>
    withDeployedStack('tree-row-menu', entry(), async (session, cluster) => {
      const step = (name: string, run: () => Promise<void>) =>
        t.test(name, { timeout: 150_000 }, () =>
          run().catch(async (error: unknown) => {
            await session.keepEvidence();
            throw error;
          }),
        );
      await step('a menu open while its row is redrawn acts on that row', () => actionsAfterRedraw(session, cluster));
      await step('a choice while the namespace row is redrawn again and again never asks for another workload', () =>
        actionsDuringRedraws(session, cluster),
      );
      await step('Scale… on a workload an autoscaler manages says so and edits its bounds, logged', () =>
        scaleUnderAutoscaler(session, cluster),
      );
      await step("a pod's age counts on with nothing changing", () => podAgesCount(session, cluster));
      await step('Port Forward… → Open in Browser opens the forward through code-server', () =>
        portForwardOpensInBrowser(session, cluster),
      );
      await step('an Ingress route row: Open URL and Reveal Manifest', () => routeRowActions(session));
      await step('Open in Panel: Explore is disabled while Grafana is unreachable, saying why', () =>
        exploreWithoutGrafana(session, cluster),
      );
    }),
  );
});
