import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { startGateway, type Gateway } from '../../../src/observe/gateway';
import { GrafanaClient } from '../../../src/observe/grafana';
import { LokiClient } from '../../../src/observe/loki/client';
import { PrometheusClient } from '../../../src/observe/prometheus';
import { stackPanels } from '../../../src/observe/stackPanels';
import { silentLogger } from '../../../src/util/log';
import { startGrafanaStandin, type GrafanaStandin } from '../../standins/grafana/index';
import { startLokiStandin, type LokiStandin } from '../../standins/loki/index';
import { startRealPrometheus, type RealPrometheus } from './realPrometheus';
import { launchBrowser, withPanel, type ThemeKind } from './webviewHarness';
import { until } from '../../support/until';
import { checkbox, isChecked, PANEL, selectRowByKeyboard, setChecked } from '../../e2e/panelUi';

const scope = { namespace: 'starter', workload: 'node-api' };
const pods = ['node-api-7c9d-a', 'node-api-7c9d-b'];
const settings = { bufferLines: 500, historyLines: 200, lookbackMs: 3_600_000 };
const SHOTS = 'test-results/observe';

async function lineCount(page: Page): Promise<number> {
  return Number(
    /^([\d,]+) lines/.exec(await page.locator('.counts').innerText())?.[1]?.replace(/,/g, '') ?? Number.NaN,
  );
}

function sampleLine(i: number): string {
  const level = i % 10 === 0 ? 'error' : i % 4 === 0 ? 'warn' : 'info';
  return JSON.stringify({
    level,
    time: new Date().toISOString(),
    msg: 'request completed',
    route: `/api/items/${i % 7}`,
    status: level === 'error' ? 500 : 200,
    ms: i % 90,
  });
}

/** The panel's services for the log tests: Loki at `url`, the stack's panel list, and `notes` on what is missing. */
const logsOnly = (url: string, notes: string[] = []) => ({
  loki: new LokiClient(urlEndpoint(url)),
  stackPanels,
  notes,
});

describe('the webview app in headless Chromium, driven by the real controller', () => {
  let browser: Browser;
  let loki: LokiStandin;
  let grafana: GrafanaStandin;
  let gateway: Gateway;
  let prom: RealPrometheus | undefined;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [browser, loki, grafana] = await Promise.all([launchBrowser(), startLokiStandin(), startGrafanaStandin()]);
    gateway = await startGateway(urlEndpoint(grafana.url), silentLogger);
    prom = await startRealPrometheus();
    for (let i = 0; i < 60; i++)
      loki.push({ namespace: 'starter', app: 'node-api', pod: pods[i % 2]!, container: 'app' }, [sampleLine(i)]);
  });
  after(async () => {
    await browser?.close();
    await gateway?.close();
    await Promise.all([loki?.close(), grafana?.close(), prom?.stop()]);
  });

  it('streams logs on screen, narrows them with a filter, shows a Grafana panel through the gateway', async () => {
    const services = {
      loki: new LokiClient(urlEndpoint(loki.url)),
      grafana: new GrafanaClient(urlEndpoint(grafana.url)),
      gateway: () => Promise.resolve(gateway),
      stackPanels,
      notes: [],
    };
    await withPanel({ scope, services, settings, browser, frameOrigin: gateway.origin }, async (h) => {
      const { page } = h;
      await page.locator('.log-row').first().waitFor();
      assert.match(await page.locator('.counts').innerText(), /^60 lines/);
      loki.push({ namespace: 'starter', app: 'node-api', pod: pods[0]!, container: 'app' }, [
        'live: hello from the tail',
      ]);
      await page.locator('.log-row', { hasText: 'live: hello from the tail' }).waitFor();
      await page.locator(PANEL.filterText).fill('items/3');
      // Polled from here: the panel's CSP (no 'unsafe-eval') refuses page.waitForFunction's string evaluation.
      await until(
        async () => (await page.locator(PANEL.query).inputValue()).includes('items/3'),
        'query rebuilt with the filter',
      );
      await until(async () => {
        const texts = await page.locator('.log-row:not([hidden]) .log-text').allInnerTexts();
        return texts.length > 0 && texts.every((t) => t.includes('items/3'));
      }, 'only matching lines shown');
      const shown = await page.locator('.log-row:not([hidden])').count();
      assert.ok(shown > 0 && shown < 20, `filtered to ${shown}`);
      await setChecked(page.locator(PANEL.panelChoice).first(), true);
      const frame = page.frameLocator('.panel iframe');
      await frame.locator('#panel', { hasText: 'panel ok 200' }).waitFor({ timeout: 15_000 });
      assert.deepEqual(
        h.logged.filter((m) => m.includes('malformed')),
        [],
      );
    });
  });

  it('keeps the buffer bounded and shows how many lines were dropped', async () => {
    await withPanel({ scope, services: logsOnly(loki.url), settings, browser }, async (h) => {
      await h.page.locator('.log-row').first().waitFor();
      loki.push(
        { namespace: 'starter', app: 'node-api', pod: pods[1]!, container: 'app' },
        Array.from({ length: 1000 }, (_, i) => sampleLine(i)),
      );
      await h.page.locator('.counts', { hasText: 'dropped' }).waitFor();
      const counts = await h.page.locator('.counts').innerText();
      assert.match(counts, /^500 lines · dropped \d/);
      assert.ok((await h.page.locator('.log-row').count()) < 100, 'virtualized: few DOM rows');
    });
  });

  it('without Grafana, Explore is marked unavailable and says why (to the tooltip and a screen reader), and stays reachable by keyboard', async () => {
    const notes = ['grafana (service proxy starter/grafana) did not answer: no endpoints behind Service grafana'];
    await withPanel({ scope, services: logsOnly(loki.url, notes), settings, browser }, async (h) => {
      const explore = h.page.locator(PANEL.explore);
      await until(async () => (await explore.getAttribute('aria-disabled')) === 'true', 'Explore marked unavailable');
      assert.match((await explore.getAttribute('title')) ?? '', /no endpoints behind Service grafana/);
      assert.match(await h.page.locator('#explore-reason').innerText(), /Explore needs Grafana/);
      assert.notEqual(await explore.getAttribute('tabindex'), '-1', 'still in the Tab order');
      await explore.focus();
      assert.equal(await h.page.evaluate<string>('document.activeElement.id'), 'explore', 'focusable');
      await h.page.keyboard.press('Enter');
      assert.ok(!h.fromWebview.some((m) => (m as { type: string }).type === 'openExplore'), 'nothing opened');
    });
  });

  it("ignores a malformed batch of lines, says so in the host's log, and keeps streaming", async () => {
    const own = await startLokiStandin();
    own.push({ namespace: 'starter', app: 'node-api', pod: pods[0]!, container: 'app' }, ['before the bad batch']);
    try {
      await withPanel({ scope, services: logsOnly(own.url), settings, browser }, async (h) => {
        await h.page.locator('.status', { hasText: 'live' }).waitFor();
        // History may land after the tail is live: count once it is on screen.
        await h.page.locator('.log-row', { hasText: 'before the bad batch' }).waitFor();
        await until(async () => (await lineCount(h.page)) === 1, 'the counts to show the history line');
        const before = await lineCount(h.page);
        // As if the host sent a line with a level the protocol does not have.
        await h.page.evaluate(
          `postMessage({ type: 'logs/append', sources: [['p', 'c']], lines: [['1700000000000000000', 'from a bad batch', 0, 2], ['1700000000000000001', 'x', 0, 9]], dropped: 0 }, '*')`,
        );
        await until(
          () => Promise.resolve(h.logged.some((m) => /malformed message: message\.lines\[1\]\[3\]/.test(m))),
          'the webview reported the bad batch',
        );
        own.push({ namespace: 'starter', app: 'node-api', pod: pods[0]!, container: 'app' }, ['after the bad batch']);
        await h.page.locator('.log-row', { hasText: 'after the bad batch' }).waitFor();
        await until(async () => (await lineCount(h.page)) === before + 1, 'one line more, none of the bad batch');
        assert.equal(await h.page.locator('.log-row', { hasText: 'from a bad batch' }).count(), 0);
      });
    } finally {
      await own.close();
    }
  });

  it('waiting for its first line the list shows no row; the first lines then show in order, and Wrap turned on before any line fits a long one to its rows', async () => {
    const own = await startLokiStandin();
    try {
      await withPanel({ scope, services: logsOnly(own.url), settings, browser }, async ({ page }) => {
        await page.locator('.status', { hasText: 'live' }).waitFor();
        // Past the panel's own idle work (the list gets ready for lines then): idle callbacks run in order.
        await page.evaluate('new Promise((done) => requestIdleCallback(() => done()))');
        assert.equal(await page.locator(PANEL.rows).count(), 0, 'no row shown before a line');
        await page.locator('.log-viewport').click();
        assert.equal(await page.locator('.detail').isVisible(), false, 'nothing to choose before a line');
        await setChecked(checkbox(page, 'wrap'), true);
        const lines = [...Array.from({ length: 30 }, (_, i) => `first ${i}`), `long ${'word '.repeat(150)}end`];
        own.push({ namespace: 'starter', app: 'node-api', pod: pods[0]!, container: 'app' }, lines);
        await until(async () => (await lineCount(page)) === lines.length, 'every line counted');
        await until(
          async () => (await page.locator(PANEL.rowText).allInnerTexts()).join('\n') === lines.join('\n'),
          'every line shown, in order',
        );
        const long = await page.locator(PANEL.rows, { hasText: 'long word' }).evaluate((row) => {
          const text = row.ownerDocument.createRange();
          text.selectNodeContents(row);
          return {
            height: row.clientHeight,
            scrolls: row.scrollHeight,
            text: Math.ceil(text.getBoundingClientRect().height),
          };
        });
        assert.ok(long.height > 18, `over several rows (${long.height}px)`);
        assert.ok(long.scrolls <= long.height + 1, `not cut (${long.scrolls}px of text in ${long.height}px)`);
        assert.ok(
          long.height <= long.text + 18,
          `no more than one spare row (${long.text}px of text in ${long.height}px)`,
        );
      });
    } finally {
      await own.close();
    }
  });

  it('a very long line shows cut in its row and whole in the detail pane', async () => {
    await withPanel({ scope, services: logsOnly(loki.url), settings, browser }, async (h) => {
      await h.page.locator('.status', { hasText: 'live' }).waitFor();
      const long = `long line ${'x'.repeat(200_000)} end`;
      loki.push({ namespace: 'starter', app: 'node-api', pod: pods[0]!, container: 'app' }, [long]);
      const row = h.page.locator('.log-row', { hasText: 'long line x' });
      await row.waitFor();
      assert.ok((await row.locator('.log-text').innerText()).length < 10_000, 'the row holds only what can be seen');
      await row.click();
      await until(
        async () => (await h.page.locator('.detail').innerText()) === long,
        'the whole line in the detail pane',
      );
    });
  });

  it('scrolling up stops following and keeps the same lines in view while new ones arrive; scrolling to the top pages older history in', async () => {
    const own = await startLokiStandin();
    const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
    own.push(
      { namespace: 'starter', app: 'node-api', pod: pods[0]!, container: 'app' },
      Array.from({ length: 150 }, (_, i) => `old ${i}`),
      'fake',
      t0,
    );
    const history = { bufferLines: 400, historyLines: 50, lookbackMs: 3_600_000 };
    try {
      await withPanel({ scope, services: logsOnly(own.url), settings: history, browser }, async ({ page }) => {
        const topRow = async () =>
          (await page.locator('.log-row:not([hidden]) .log-text').allInnerTexts())
            .filter((t) => t.startsWith('old '))
            .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))[0];
        await page.locator('.status', { hasText: 'live' }).waitFor();
        await until(async () => (await lineCount(page)) === 50, 'the newest 50 history lines');
        await page.locator('.log-viewport').hover();
        // A few rows up: away from the bottom, not yet near the top (which would page older history in).
        await page.mouse.wheel(0, -18 * 5);
        await until(async () => !(await isChecked(checkbox(page, 'follow'))), 'follow off after scrolling up');
        const inView = await topRow();
        own.push(
          { namespace: 'starter', app: 'node-api', pod: pods[1]!, container: 'app' },
          Array.from({ length: 100 }, (_, i) => `new ${i}`),
        );
        await until(async () => (await lineCount(page)) === 150, 'the new lines counted');
        assert.equal(await topRow(), inView, 'the view stayed where the user put it');
        await page.mouse.wheel(0, -18 * 1000);
        await until(async () => (await lineCount(page)) === 200, 'an older page of history put in front');
        await until(
          async () => (await page.locator('.log-row:not([hidden]) .log-text').allInnerTexts()).includes('old 100'),
          'the line that was at the top is still in view',
        );
        await page.mouse.wheel(0, 18 * 100_000);
        await until(async () => isChecked(checkbox(page, 'follow')), 'following again at the bottom');
        own.push({ namespace: 'starter', app: 'node-api', pod: pods[1]!, container: 'app' }, ['newest']);
        await page.locator('.log-row', { hasText: 'newest' }).waitFor();
        await setChecked(checkbox(page, 'timestamps'), false);
        await until(
          async () => (await page.locator('.log-row:not([hidden]) .log-time:not([hidden])').count()) === 0,
          'timestamps hidden',
        );
        assert.match(
          await page.locator('.log-row', { hasText: 'newest' }).locator('.log-source').innerText(),
          new RegExp(`^${pods[1]!}/app$`),
        );
      });
    } finally {
      await own.close();
    }
  });

  /** The panel's services with one native chart, node-exporter's CPU as `expr` gives it, from the real Prometheus. */
  const cpuChart = (expr: string) => ({
    loki: new LokiClient(urlEndpoint(loki.url)),
    prometheus: new PrometheusClient(urlEndpoint(prom!.url)),
    stackPanels: () =>
      Promise.resolve([
        {
          dashboardUid: 'node',
          dashboardTitle: 'Node',
          panelId: 1,
          title: 'CPU (node-exporter)',
          unit: 'percentunit',
          exprs: [expr],
        },
      ]),
    notes: [],
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as ThemeKind[]) {
    it(`renders a native chart from the real Prometheus in the ${theme} theme (screenshot)`, async () => {
      const services = cpuChart('sum by (mode) (rate(node_cpu_seconds_total{mode=~"user|system"}[10s]))');
      await withPanel({ scope, services, settings, browser, theme }, async (h) => {
        await h.page.locator('.log-row').first().waitFor();
        await setChecked(h.page.locator(PANEL.panelChoice).first(), true);
        await h.page.locator('.chart canvas').first().waitFor({ timeout: 10_000 });
        // Selected by keyboard, which stops following: a click at a place on screen hit another line when the
        // list moved under the pointer (the chart settling resized it while it followed the newest line).
        const row = await selectRowByKeyboard(h.page, 'request completed');
        assert.equal(await isChecked(checkbox(h.page, 'follow')), false, 'following stopped');
        await h.page.locator('.detail:not([hidden])').waitFor();
        assert.deepEqual(JSON.parse(await h.page.locator('.detail').innerText()), JSON.parse(row), 'the selected line');
        await h.page.screenshot({ path: `${SHOTS}/panel-${theme}.png` });
      });
    });
  }

  it("redraws a native chart in the new theme's colours when the editor's theme changes", async () => {
    const services = cpuChart('sum(rate(node_cpu_seconds_total{mode="user"}[10s]))');
    await withPanel({ scope, services, settings, browser, theme: 'dark' }, async (h) => {
      // Pixels of the canvas in magenta, the colour the "new theme" gives the first series.
      const magenta = (): Promise<number> =>
        h.page.evaluate<number>(`(() => {
      const data = document.querySelector('.chart canvas').getContext('2d').getImageData(0, 0, 4000, 4000).data;
      let hits = 0;
      for (let p = 0; p < data.length; p += 4) if (data[p + 3] > 200 && data[p] > 200 && data[p + 1] < 60 && data[p + 2] > 200) hits++;
      return hits;
    })()`);
      await setChecked(h.page.locator(PANEL.panelChoice).first(), true);
      await h.page.locator('.chart canvas').first().waitFor({ timeout: 10_000 });
      assert.equal(await magenta(), 0, 'no magenta before the theme changes');
      // What VS Code does on a theme change: new variables on <html>, a new class on <body>.
      await h.page.evaluate(
        `document.documentElement.style.setProperty('--vscode-charts-blue', '#ff00ff'); document.body.className = 'vscode-light'`,
      );
      await until(async () => (await magenta()) > 0, 'the series drawn in the new theme colour');
    });
  });
});
