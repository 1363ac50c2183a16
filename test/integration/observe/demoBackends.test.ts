// The panel's services against the demo cluster (the simulator, a test double) with the whole stack deployed:
// its Loki, Grafana and Prometheus Services answer with the simulator's SIMULATED stand-ins (sim/backends), so the
// panel gets log lines, Grafana panels and chart series, all through the API server's service proxy.
import assert from 'node:assert/strict';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { buildServices } from '../../../src/editor/panel/buildServices';
import { PanelController } from '../../../src/editor/panel/controller';
import type { ToWebview } from '../../../src/protocol/protocol';
import { getJson } from '../../../src/observe/endpoint';
import { resolveConnections, type ObserveConnections } from '../../../src/observe/connections';
import { buildLogQuery } from '../../../src/observe/logql';
import type { Scope } from '../../../src/observe/model';
import { silentLogger } from '../../../src/util/log';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim/index';
import { ok } from '../../support/simKubectl';
import { renderStack } from '../../support/stack';
import { until } from '../../support/until';

const SCOPE: Scope = { namespace: 'starter', workload: 'node-api' };
const NO_FILTER = { text: '', regex: false, levels: [] };

async function deployStack(sim: ClusterSimulator): Promise<void> {
  const stack = await renderStack();
  await ok(sim, ['apply', '--server-side', '-f', '-'], stack.objects.map((o) => `---\n${stringify(o)}`).join(''));
  for (const name of ['loki', 'alloy', 'grafana', 'prometheus', 'node-api'])
    await ok(sim, ['-n', 'starter', 'rollout', 'status', `deployment/${name}`, '--timeout=60s']);
}

describe('the demo cluster answers the panel with its simulated Loki, Grafana and Prometheus', () => {
  let sim: ClusterSimulator;
  let connections: ObserveConnections;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    await deployStack(sim);
    connections = await resolveConnections(
      { stackNamespace: 'starter', kubeconfig: { file: sim.kubeconfigPath } },
      silentLogger,
    );
  });
  after(async () => {
    await sim?.close();
  });

  it('finds all three through the service proxy, with no notes', () => {
    assert.deepEqual(connections.notes, []);
    assert.match(connections.loki?.via ?? '', /service proxy starter\/loki:3100/);
    assert.match(connections.grafana?.via ?? '', /service proxy starter\/grafana:3000/);
    assert.match(connections.prometheus?.via ?? '', /service proxy starter\/prometheus:9090/);
  });

  it("gets the workload's log lines from Loki, the same lines the Kubernetes log API serves", async () => {
    const { services } = buildServices(connections, SCOPE, silentLogger);
    const query = buildLogQuery(SCOPE, NO_FILTER);
    const page = await services.loki!.page({ query, since: '0', limit: 500 });
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    const lines = page.value.lines;
    assert.ok(lines.length > 5, `only ${lines.length} lines`);
    const pods = new Set(lines.map((l) => l.pod));
    assert.ok(
      [...pods].every((p) => p?.startsWith('node-api-')),
      [...pods].join(),
    );
    const pod = lines[0]!.pod ?? '';
    const fromApi = await ok(sim, ['-n', 'starter', 'logs', pod, '-c', 'node-api']);
    const mine = lines.filter((l) => l.pod === pod).map((l) => l.line);
    assert.ok(
      mine.every((l) => fromApi.includes(l)),
      'every Loki line is a line of kubectl logs',
    );
  });

  it("lists the stack's Grafana panels, and Grafana says it is simulated", async () => {
    const { services } = buildServices(connections, SCOPE, silentLogger);
    const panels = await services.grafana!.panelsForScope(SCOPE);
    assert.ok(panels.ok, panels.ok ? '' : panels.error.message);
    assert.ok(panels.value.some((p) => p.title === 'CPU'));
    const health = await getJson(connections.grafana!, '/api/health');
    assert.ok(health.ok);
    assert.match((health.value as { version: string }).version, /simulated/);
  });

  it("draws a chart series per pod from Prometheus, derived from the simulator's pods", async () => {
    const { services } = buildServices(connections, SCOPE, silentLogger);
    const end = Math.floor(Date.now() / 1000);
    const cpu = await services.prometheus!.queryRange({
      expr: 'sum by (pod) (rate(process_cpu_seconds_total{app="node-api"}[5m]))',
      start: end - 60,
      end,
      step: 5,
    });
    assert.ok(cpu.ok, cpu.ok ? '' : cpu.error.message);
    const pods = JSON.parse(
      await ok(sim, ['-n', 'starter', 'get', 'pods', '-l', 'app.kubernetes.io/name=node-api', '-o', 'json']),
    ) as {
      items: Array<{ metadata: { name: string } }>;
    };
    assert.deepEqual(cpu.value.map((s) => s.name).sort(), pods.items.map((p) => `{pod="${p.metadata.name}"}`).sort());
    assert.ok(cpu.value.every((s) => s.values.some((v) => v !== null && v > 0 && v < 0.5)));
    const buildinfo = await getJson(connections.prometheus!, '/api/v1/status/buildinfo');
    assert.ok(buildinfo.ok);
    assert.match(JSON.stringify(buildinfo.value), /simulated/);
  });

  it("answers the latency panel (histogram_quantile over buckets) within the access log's 2–82 ms", async () => {
    const { services } = buildServices(connections, SCOPE, silentLogger);
    const end = Math.floor(Date.now() / 1000);
    const p95 = await services.prometheus!.queryRange({
      expr: 'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{app="node-api"}[5m])))',
      start: end - 30,
      end,
      step: 10,
    });
    assert.ok(p95.ok, p95.ok ? '' : p95.error.message);
    assert.ok(p95.value.length > 0);
    for (const s of p95.value)
      for (const v of s.values) assert.ok(v !== null && v > 0.05 && v < 0.1, `${s.name}: ${v}`);
  });

  it("refuses PromQL it does not understand with Prometheus' bad_data answer, naming the subset", async () => {
    const { services } = buildServices(connections, SCOPE, silentLogger);
    const end = Math.floor(Date.now() / 1000);
    const answer = await services.prometheus!.queryRange({ expr: 'topk(3, up)', start: end - 60, end, step: 5 });
    assert.ok(!answer.ok);
    assert.equal(answer.error.status, 400);
    assert.match(answer.error.message, /unknown function "topk".*simulated Prometheus understands a PromQL subset/);
  });

  it("port-forwards to the Grafana pod's 3000 and reaches the simulated Grafana (Open in Browser's target)", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const forward = new PortForward(kc);
    const pod = JSON.parse(
      await ok(sim, ['-n', 'starter', 'get', 'pods', '-l', 'app.kubernetes.io/name=grafana', '-o', 'json']),
    ) as { items: Array<{ metadata: { name: string } }> };
    const name = pod.items[0]!.metadata.name;
    const local = createTcpServer((socket) => void forward.portForward('starter', name, [3000], socket, null, socket));
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    try {
      const port = (local.address() as AddressInfo).port;
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { version: string };
      assert.match(health.version, /simulated/);
    } finally {
      await new Promise((r) => local.close(r));
    }
  });

  it('streams new lines to the live tail as the pods log them', async () => {
    const { services } = buildServices(connections, SCOPE, silentLogger);
    const query = buildLogQuery(SCOPE, NO_FILTER);
    const first = await services.loki!.page({ query, since: '0', limit: 1 });
    assert.ok(first.ok);
    const newest = first.value.lines[0]!.ts;
    await until(async () => {
      const again = await services.loki!.page({ query, since: '0', limit: 1 });
      return again.ok && again.value.lines[0]!.ts > newest;
    }, 'a newer line in Loki');
  });
});

/** The panel's logic over the services found, recording what it tells the webview. */
async function panelOn(connections: ObserveConnections): Promise<{ sent: ToWebview[]; dispose(): void }> {
  const { services } = buildServices(connections, SCOPE, silentLogger);
  const sent: ToWebview[] = [];
  const host = {
    theme: () => 'dark' as const,
    copy: () => Promise.resolve(),
    openExternal: () => Promise.resolve(),
    externalUrl: (u: string) => Promise.resolve(u),
  };
  const settings = { bufferLines: 1000, historyLines: 100, lookbackMs: 3_600_000 };
  const post = (m: ToWebview) => {
    sent.push(m);
    return Promise.resolve(true);
  };
  const controller = new PanelController(SCOPE, services, host, settings, post, silentLogger);
  await controller.handle({ type: 'ready', state: null });
  await controller.handle({ type: 'chart/query', key: 'k', exprs: ['up'], range: { from: 'now-5m', to: 'now' } });
  return { sent, dispose: () => controller.dispose() };
}

describe('the panel says exactly what failed when a stack Service does not answer', () => {
  let sim: ClusterSimulator;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
  });
  after(async () => {
    await sim?.close();
  });

  const find = async () =>
    resolveConnections({ stackNamespace: 'starter', kubeconfig: { file: sim.kubeconfigPath } }, silentLogger);

  it('nothing deployed: says the Services are not there, not that they are unreachable', async () => {
    const { notes } = await find();
    assert.deepEqual(
      notes,
      ['loki', 'grafana', 'prometheus'].map(
        (s) => `${s}: Service ${s} in namespace starter not found: ${s} is not deployed (services "${s}" not found)`,
      ),
    );
  });

  it('Loki deployed but its pod never ready: no endpoints behind Service loki, in the log status and the notes', async () => {
    sim.faults.failProbe('starter', 'loki', 'readiness');
    const stack = await renderStack();
    const lokiParts = stack.objects.filter((o) => o.kind === 'Namespace' || /^loki/.test(String(o.metadata?.name)));
    await ok(sim, ['apply', '--server-side', '-f', '-'], lokiParts.map((o) => `---\n${stringify(o)}`).join(''));
    await until(
      async () => /Running/.test(await ok(sim, ['-n', 'starter', 'get', 'pods', '-l', 'app.kubernetes.io/name=loki'])),
      'the loki pod running (not ready)',
    );
    const connections = await find();
    const loki = connections.notes.find((n) => n.startsWith('loki'));
    assert.match(loki ?? '', /^loki: no endpoints behind Service loki in namespace starter: none of its pods is ready/);
    assert.match(
      connections.notes.find((n) => n.startsWith('prometheus')) ?? '',
      /Service prometheus in namespace starter not found: prometheus is not deployed/,
    );
    const panel = await panelOn(connections);
    try {
      const status = await until(
        () =>
          panel.sent.find(
            (m): m is Extract<ToWebview, { type: 'logs/status' }> =>
              m.type === 'logs/status' && m.state !== 'connecting',
          ),
        'the log status',
      );
      assert.match(status.message, /no endpoints behind Service loki in namespace starter/);
      assert.doesNotMatch(status.message, /not configured|not deployed/);
      const chart = panel.sent.find((m): m is Extract<ToWebview, { type: 'chart/data' }> => m.type === 'chart/data');
      assert.match(
        chart?.error ?? '',
        /^Prometheus is not reachable: Service prometheus in namespace starter not found/,
      );
    } finally {
      panel.dispose();
    }
  });
});
