import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PanelController } from '../../../src/editor/panel/controller';
import type { LineBatcher } from '../../../src/observe/batcher';
import { receiveFromWebview } from '../../../src/editor/panel/receive';
import type { ObserveServices, PanelHost } from '../../../src/editor/panel/services';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { startGateway } from '../../../src/observe/gateway';
import { GrafanaClient } from '../../../src/observe/grafana';
import { LokiClient } from '../../../src/observe/loki/client';
import { PrometheusClient } from '../../../src/observe/prometheus';
import { stackPanels } from '../../../src/observe/stackPanels';
import { validateToWebview, type ToWebview } from '../../../src/protocol/protocol';
import { startGrafanaStandin, type GrafanaStandin } from '../../standins/grafana/index';
import { startLokiStandin, type LokiStandin } from '../../standins/loki/index';
import { freePort, startRealPrometheus, type RealPrometheus } from './realPrometheus';
import { recordingLogger } from '../../support/logger';
import { until } from '../../support/until';

const scope = { namespace: 'starter', workload: 'node-api' };
const labels = { namespace: 'starter', app: 'node-api', pod: 'node-api-1', container: 'app' };
/** The editor's theme kind, as the host reports it (a test switches it). */
let editorTheme: 'light' | 'dark' = 'dark';
const host: PanelHost = {
  theme: () => editorTheme,
  copy: () => Promise.resolve(),
  openExternal: () => Promise.resolve(),
  externalUrl: (u) => Promise.resolve(u),
};
const settings = { bufferLines: 1000, historyLines: 100, lookbackMs: 3_600_000 };

/** `takeAppend`: how long the webview takes to accept a batch of lines (default: at once). */
function harness(services: ObserveServices, takeAppend: () => Promise<void> = () => Promise.resolve()) {
  const sent: ToWebview[] = [];
  const log = recordingLogger();
  const logged = log.lines;
  const post = async (m: ToWebview) => {
    // What the webview does with every message: validate it.
    const checked = validateToWebview(JSON.parse(JSON.stringify(m)));
    assert.ok(checked.ok, checked.ok ? '' : checked.reason);
    sent.push(m);
    if (m.type === 'logs/append') await takeAppend();
    return true;
  };
  const controller = new PanelController(scope, services, host, settings, post, log);
  const of = <T extends ToWebview['type']>(type: T) =>
    sent.filter((m): m is Extract<ToWebview, { type: T }> => m.type === type);
  return { controller, sent, logged, of, log };
}

describe('panel controller: the host side of the pipeline', () => {
  let loki: LokiStandin;
  let grafana: GrafanaStandin;
  let prom: RealPrometheus | undefined;
  before(async () => {
    loki = await startLokiStandin();
    grafana = await startGrafanaStandin();
    prom = await startRealPrometheus();
  });
  after(async () => {
    await loki.close();
    await grafana.close();
    await prom?.stop();
  });

  it("answers ready with init, history, live batches and Grafana panels as iframes through the gateway, in the editor's theme", async () => {
    loki.push(labels, ['history line']);
    const gateway = await startGateway(urlEndpoint(grafana.url), { trace() {}, info() {}, warn() {}, error() {} });
    const services: ObserveServices = {
      loki: new LokiClient(urlEndpoint(loki.url)),
      grafana: new GrafanaClient(urlEndpoint(grafana.url)),
      gateway: () => Promise.resolve(gateway),
      stackPanels,
      notes: [],
    };
    const h = harness(services);
    try {
      await h.controller.handle({ type: 'ready', state: null });
      const init = h.of('init')[0]!;
      assert.equal(init.query, '{namespace="starter", app="node-api"}');
      assert.equal(init.gatewayOrigin, gateway.origin);
      assert.equal(init.exploreUnavailable, null, 'Explore is on with Grafana');
      assert.deepEqual(
        h.of('logs/history')[0]!.lines.map(([, line]) => line),
        ['history line'],
      );
      loki.push(labels, ['live 1', 'live 2']);
      await until(() => h.of('logs/append').flatMap((m) => m.lines).length === 2, 'live lines in a batch');
      const list = h.of('panels/list')[0]!;
      assert.ok(list.panels.length >= 4);
      await h.controller.handle({
        type: 'panels/select',
        keys: [`${list.panels[0]!.dashboardUid}/${list.panels[0]!.panelId}`],
        range: { from: 'now-6h', to: 'now' },
      });
      const view = h.of('panels/set')[0]!.views[0]!;
      assert.equal(view.kind, 'iframe');
      assert.ok(
        view.kind === 'iframe' &&
          view.url.startsWith(`${gateway.base}/d-solo/starter-node-api/`) &&
          view.url.includes('theme=dark') &&
          view.url.includes('from=now-6h'),
      );
      // The user switches to a light theme: the same panels come again, asked for in the light theme.
      editorTheme = 'light';
      await h.controller.themeChanged();
      const again = h.of('panels/set').at(-1)!.views;
      assert.deepEqual(
        again.map((v) => v.key),
        [view.key],
      );
      assert.ok(
        again[0]!.kind === 'iframe' && again[0]!.url.includes('theme=light') && again[0]!.url.includes('from=now-6h'),
        'the iframe asks for the light theme',
      );
    } finally {
      editorTheme = 'dark';
      h.controller.dispose();
      await gateway.close();
    }
  });

  it('when the webview cannot keep up, drops the oldest waiting lines and counts every one of them for the panel', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let holding = true;
    const h = harness(
      { loki: new LokiClient(urlEndpoint(loki.url)), stackPanels: () => Promise.resolve([]), notes: [] },
      () => (holding ? held : Promise.resolve()),
    );
    const pod = { ...labels, pod: 'node-api-busy' };
    try {
      await h.controller.handle({ type: 'ready', state: null });
      await until(() => h.of('logs/status').some((m) => m.state === 'live'), 'live tail');
      loki.push(
        pod,
        Array.from({ length: 200 }, (_, i) => `first ${i}`),
      );
      await until(() => h.of('logs/append').length === 1, 'a first batch, which the webview holds');
      // The buffer is 1000 lines: while the webview is busy, 3000 more cannot all wait.
      loki.push(
        pod,
        Array.from({ length: 3000 }, (_, i) => `burst ${i}`),
      );
      // The one internal read here: when the burst has reached the host's queue (it never holds more than 1000).
      const waiting = () => (h.controller as unknown as { batcher?: LineBatcher }).batcher?.size ?? 0;
      await until(() => waiting() === 1000, 'the burst waiting on the host');
      holding = false;
      release();
      const appends = () => h.of('logs/append');
      const lines = () => appends().reduce((n, m) => n + m.lines.length, 0);
      const dropped = () => appends().reduce((n, m) => n + m.dropped, 0);
      await until(() => lines() + dropped() === 3200, 'every line either delivered or counted as dropped');
      assert.ok(dropped() >= 1000, `dropped ${dropped()}`);
      assert.equal(appends().at(-1)!.lines.at(-1)![1], 'burst 2999', 'the newest lines are the ones kept');
    } finally {
      h.controller.dispose();
    }
  });

  it("keeps Explore on when Grafana answers but cannot be embedded (code-server's port proxy), since Explore opens Grafana itself", async () => {
    const h = harness({
      grafana: new GrafanaClient(urlEndpoint(grafana.url)),
      gateway: () => Promise.reject(new Error('reached under /proxy/PORT/: panels are drawn natively')),
      stackPanels,
      notes: [],
    });
    try {
      await h.controller.handle({ type: 'ready', state: null });
      assert.equal(h.of('init')[0]!.exploreUnavailable, null);
      assert.equal(h.of('init')[0]!.gatewayOrigin, null, 'no frames without the gateway');
    } finally {
      h.controller.dispose();
    }
  });

  it("filters by rebuilding the LogQL from the scope (text only: levels filter the webview's buffer), and runs a raw query as written", async () => {
    loki.push(labels, ['level=error boom', 'level=info fine']);
    const h = harness({
      loki: new LokiClient(urlEndpoint(loki.url)),
      stackPanels: () => Promise.resolve([]),
      notes: [],
    });
    try {
      await h.controller.handle({ type: 'ready', state: null });
      await h.controller.handle({
        type: 'logs/query',
        query: '',
        filter: { text: 'boom', regex: false, levels: ['error'] },
        raw: false,
      });
      assert.equal(h.of('logs/reset').at(-1)!.query, '{namespace="starter", app="node-api"} |= "boom"');
      assert.deepEqual(
        h
          .of('logs/history')
          .at(-1)!
          .lines.map(([, line]) => line),
        ['level=error boom'],
      );
      await h.controller.handle({
        type: 'logs/query',
        query: '{namespace="starter"} |= "fine"',
        filter: { text: '', regex: false, levels: [] },
        raw: true,
      });
      assert.equal(h.of('logs/reset').at(-1)!.query, '{namespace="starter"} |= "fine"');
      assert.deepEqual(
        h
          .of('logs/history')
          .at(-1)!
          .lines.map(([, line]) => line),
        ['level=info fine'],
      );
    } finally {
      h.controller.dispose();
    }
  });

  it("without Grafana lists the stack's panels and draws them natively from the real Prometheus", async () => {
    const notes = [
      'grafana: no endpoints behind Service grafana in namespace starter: none of its pods is ready (no endpoints available for service "grafana")',
    ];
    const h = harness({ prometheus: new PrometheusClient(urlEndpoint(prom!.url)), stackPanels, notes });
    try {
      await h.controller.handle({ type: 'ready', state: null });
      assert.equal(
        h.of('init')[0]!.exploreUnavailable,
        `Explore needs Grafana, which is not available: ${notes[0]}`,
        'Explore says why it is off',
      );
      const list = h.of('panels/list')[0]!;
      assert.match(
        list.note,
        /^Grafana is not reachable \(no endpoints behind Service grafana in namespace starter: none of its pods is ready .*\): the stack's panels are drawn from Prometheus/,
      );
      const key = `${list.panels[0]!.dashboardUid}/${list.panels[0]!.panelId}`;
      await h.controller.handle({ type: 'panels/select', keys: [key], range: { from: 'now-5m', to: 'now' } });
      assert.equal(h.of('panels/set')[0]!.views[0]!.kind, 'chart');
      // The stack's PromQL selects app="node-api", which this Prometheus does not scrape: empty, no error.
      await h.controller.handle({
        type: 'chart/query',
        key,
        exprs: list.panels[0]!.exprs.slice(),
        range: { from: 'now-5m', to: 'now' },
      });
      assert.deepEqual(h.of('chart/data')[0], { type: 'chart/data', key, series: [], error: null });
      await h.controller.handle({
        type: 'chart/query',
        key: 'node',
        exprs: ['sum(rate(node_cpu_seconds_total[10s]))'],
        range: { from: 'now-1m', to: 'now' },
      });
      const data = h.of('chart/data')[1]!;
      assert.equal(data.error, null);
      assert.ok(data.series[0]!.values.some((v) => v !== null && v > 0));
    } finally {
      h.controller.dispose();
    }
  });

  it('says so when Prometheus is down', async () => {
    const h = harness({
      prometheus: new PrometheusClient(urlEndpoint(`http://127.0.0.1:${await freePort()}`)),
      stackPanels: () => Promise.resolve([]),
      notes: [],
    });
    await h.controller.handle({ type: 'chart/query', key: 'k', exprs: ['up'], range: { from: 'now-5m', to: 'now' } });
    h.controller.dispose();
    assert.match(h.of('chart/data')[0]!.error ?? '', /ECONNREFUSED/);
  });

  it("opens Explore on Grafana's own address, never with the gateway's token, never with credentials from the settings URL", async () => {
    const gateway = await startGateway(urlEndpoint(grafana.url), { trace() {}, info() {}, warn() {}, error() {} });
    const opened: string[] = [];
    const recording: PanelHost = { ...host, openExternal: (url) => Promise.resolve(void opened.push(url)) };
    const proxied = 'https://127.0.0.1:6443/api/v1/namespaces/starter/services/grafana:3000/proxy';
    try {
      for (const [baseUrl, expected] of [
        [grafana.url, grafana.url],
        [`http://admin:hunter2@${new URL(grafana.url).host}/?x=1`, grafana.url],
        [proxied, proxied],
      ] as const) {
        const services: ObserveServices = {
          grafana: new GrafanaClient(urlEndpoint(baseUrl)),
          gateway: () => Promise.resolve(gateway),
          stackPanels,
          notes: [],
        };
        const controller = new PanelController(scope, services, recording, settings, () => Promise.resolve(true), {
          trace() {},
          info() {},
          warn() {},
          error() {},
        });
        await controller.handle({
          type: 'openExplore',
          query: '{app="node-api"}',
          range: { from: 'now-1h', to: 'now' },
        });
        controller.dispose();
        const url = opened.at(-1) ?? '';
        assert.ok(url.startsWith(`${expected}/explore?`), url);
        assert.ok(!url.includes(gateway.token) && !url.includes(gateway.origin) && !url.includes('hunter2'), url);
      }
    } finally {
      await gateway.close();
    }
  });

  it("sends the workload's load test (k6's figures) after ready, and nothing about load tests for a whole namespace", async () => {
    const asked: string[] = [];
    const series = { times: [1700000000], rps: [40], p95Ms: [12.5], errorRate: [0], summary: null };
    const services: ObserveServices = {
      stackPanels: () => Promise.resolve([]),
      notes: [],
      loadTest: (s) => {
        asked.push(s.workload ?? '(namespace)');
        return Promise.resolve({
          state: 'running',
          message: 'k6 Job load-node-api sends to Service node-api.',
          job: 'load-node-api',
          series,
        });
      },
    };
    const h = harness(services);
    await h.controller.handle({ type: 'ready', state: null });
    assert.deepEqual(asked, ['node-api']);
    assert.deepEqual(
      h.of('load/data').map((m) => [m.view.state, m.view.job, m.view.series.rps]),
      [['running', 'load-node-api', [40]]],
    );
    h.controller.dispose();

    const sent: ToWebview[] = [];
    const whole = new PanelController(
      { namespace: 'starter' },
      services,
      host,
      settings,
      (m) => Promise.resolve(sent.push(m) > 0),
      h.log,
    );
    await whole.handle({ type: 'ready', state: null });
    assert.equal(sent.filter((m) => m.type === 'load/data').length, 0);
    assert.deepEqual(asked, ['node-api'], 'not asked for a namespace');
    whole.dispose();
  });

  it('ignores and logs malformed webview messages', async () => {
    const h = harness({ stackPanels: () => Promise.resolve([]), notes: [] });
    let handled = 0;
    for (const raw of [
      undefined,
      'ready',
      { type: 'logs/older', before: '1 OR 1' },
      { type: 'copy' },
      { type: 'evil', payload: '<script>' },
    ]) {
      await receiveFromWebview(raw, () => Promise.resolve(void handled++), h.log);
    }
    await receiveFromWebview({ type: 'logs/pause' }, () => Promise.resolve(void handled++), h.log);
    assert.equal(handled, 1);
    assert.equal(h.logged.filter((m) => m.includes('ignored a malformed message')).length, 5);
    h.controller.dispose();
  });
});
