// The deployed stack as a person sees it in a real VS Code: the Cluster view and the status bar, live from the
// cluster, and the observability panel beside the code. The cluster is the simulator (a test double), deployed
// to with the CLI; the screenshots' captions in the README say so.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from './artifacts';
import { codeServerBeforeAll, withDeployedStack } from './session';
import { treeRow, webviewFrame } from './workbenchUi';
import { openObservabilityPanel, PANEL, setChecked } from './panelUi';
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

describe('the deployed stack in the Cluster view (UI)', () => {
  const entry = codeServerBeforeAll();

  test(
    'the view shows the stack live, the status bar its health, and the panel opens beside the code',
    { timeout: 240_000 },
    () =>
      withDeployedStack('deployed-stack', entry(), async ({ workbench }) => {
        const page = workbench.page;
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
      }),
  );
});
