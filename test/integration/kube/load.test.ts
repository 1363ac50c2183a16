// Load tests on the demo cluster: a k6 Job against node-api drives its HPA up, and after stop back to its minimum,
// as the real kubectl reads it. The simulator simulates the load (see sim/controllers/load.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { applyCommand } from '../../../src/cli/apply';
import { planDelete, planTargets } from '../../../src/kube/delete';
import { loadTestView } from '../../../src/observe/loadTest';
import type { ClusterSimulator } from '../../../sim';
import { until } from '../../support/until';
import { json, ok } from '../../support/simKubectl';
import { withCluster } from '../withCluster';
import { captureIo, defaultStackFolder, withSimulator, type Loose } from './harness';

const hpa = (sim: ClusterSimulator): Promise<Loose> =>
  json(sim, ['get', 'hpa', 'node-api', '-n', 'starter', '-o', 'json']);

async function deployStack(sim: ClusterSimulator): Promise<void> {
  const applied = captureIo(sim.kubeconfigPath);
  assert.equal(await applyCommand([defaultStackFolder(), '--wait', '--timeout', '120'], applied), 0, applied.text());
  // The default scale-down window is 300 s; 60 s keeps the test short (the simulator runs at 1/20 speed: 3 s).
  await ok(sim, [
    'patch',
    'hpa',
    'node-api',
    '-n',
    'starter',
    '--type',
    'merge',
    '-p',
    '{"spec":{"behavior":{"scaleDown":{"stabilizationWindowSeconds":60}}}}',
  ]);
}

async function load(
  sim: ClusterSimulator,
  ...args: string[]
): Promise<{ code: number; text: string; lines: string[] }> {
  const io = captureIo(sim.kubeconfigPath);
  const code = await main(['load', ...args, '-n', 'starter'], io);
  return { code, text: io.text(), lines: io.lines };
}

describe('starter-stack load on the demo cluster (simulator)', () => {
  it('a load test on node-api raises its HPA above the minimum; after stop it returns to the minimum', () =>
    withSimulator(async (sim) => {
      await deployStack(sim);
      const before = await hpa(sim);
      const min = before.spec.minReplicas as number;
      const started = await load(
        sim,
        'start',
        'node-api',
        '--rps',
        '200',
        '--duration',
        '10m',
        '--path',
        '/api-node/users',
      );
      assert.equal(started.code, 0, started.text);
      assert.match(
        started.text,
        /Started load test load-node-api in starter: 200 requests\/s for 10m against node-api\/api-node\/users/,
      );

      const scaled = await until(
        async () => {
          const h = await hpa(sim);
          return h.status?.desiredReplicas > min ? h : undefined;
        },
        'kubectl get hpa node-api showing desired replicas above the minimum',
        30_000,
      );
      assert.ok(
        scaled.status.currentMetrics[0].resource.current.averageUtilization > 70,
        JSON.stringify(scaled.status),
      );

      const status = await load(sim, 'status', '--output', 'json');
      assert.equal(status.code, 0, status.text);
      const [test] = (JSON.parse(status.lines.join('\n')) as Loose).loadTests as Loose[];
      assert.equal(test!.service, 'node-api');
      assert.equal(test!.state, 'running');
      assert.equal(test!.rps, 200);
      assert.equal(test!.url, 'http://node-api.starter.svc.cluster.local:80/api-node/users');
      assert.equal(test!.hpa.minReplicas, min);

      // The k6 pod's log reads like k6's own.
      const logs = await until(async () => {
        const out = await ok(sim, ['logs', '-n', 'starter', '-l', 'starter-stack.dev/load-test=node-api', '--tail=-1']);
        return /^running \(\dm\d\d\.\ds\), \d+\/\d+ VUs, \d+ complete and 0 interrupted iterations$/m.test(out) && out;
      }, 'k6 progress lines in the load pod log');
      assert.match(logs, /scenarios: \(100\.00%\) 1 scenario/);

      // The panel scoped to node-api reads k6's figures from that log: the rate it ramps to, p95 and errors.
      const view = await until(
        () =>
          withCluster(sim.kubeconfigPath, async ({ client }) => {
            const v = await loadTestView(client, { namespace: 'starter', workload: 'node-api' });
            return v.series.rps.some((r) => r !== null && r > 150) && v.series.p95Ms.some((p) => p !== null) && v;
          }),
        "the panel's load series showing the ramp's rate and a p95",
        30_000,
      );
      assert.equal(view.state, 'running');
      assert.equal(view.job, 'load-node-api');
      assert.match(view.message, /k6 Job load-node-api sends to Service node-api/);
      assert.ok(
        view.series.errorRate.every((e) => e === null || e === 0),
        JSON.stringify(view.series),
      );
      const other = await withCluster(sim.kubeconfigPath, ({ client }) =>
        loadTestView(client, { namespace: 'starter', workload: 'go-api' }),
      );
      assert.equal(other.state, 'none');
      assert.match(other.message, /No load test sends to go-api/);

      const stopped = await load(sim, 'stop', 'node-api');
      assert.equal(stopped.code, 0, stopped.text);
      assert.match(stopped.text, /Stopped the load test against node-api in starter/);
      assert.equal(
        (
          await json<Loose>(sim, [
            'get',
            'jobs,configmaps',
            '-n',
            'starter',
            '-l',
            'starter-stack.dev/load-test',
            '-o',
            'json',
          ])
        ).items.length,
        0,
      );
      // CPU falls at once; the replicas stay while the window holds the scale-down back.
      const held = await until(async () => {
        const h = await hpa(sim);
        const able = (h.status?.conditions as Loose[] | undefined)?.find((c) => c.type === 'AbleToScale');
        return able?.reason === 'ScaleDownStabilized' && h;
      }, 'the HPA holding the scale-down back (ScaleDownStabilized)');
      assert.ok(held.status.currentReplicas > min, JSON.stringify(held.status));
      await until(
        async () => {
          const h = await hpa(sim);
          return h.status?.desiredReplicas === min && h.status?.currentReplicas === min;
        },
        'kubectl get hpa node-api back at the minimum after the stabilisation window',
        60_000,
      );
      const none = await load(sim, 'status');
      assert.equal(none.text, 'No load test in starter.');
    }));

  it('a finished test completes its Job and logs the k6 summary; delete of the stack lists its objects', () =>
    withSimulator(async (sim) => {
      await deployStack(sim);
      assert.equal((await load(sim, 'start', 'node-api', '--duration', '10s')).code, 0);
      const job = await until(
        async () => {
          const j = await json<Loose>(sim, ['get', 'job', 'load-node-api', '-n', 'starter', '-o', 'json']);
          return (
            (j.status?.conditions as Loose[] | undefined)?.some((c) => c.type === 'Complete' && c.status === 'True') &&
            j
          );
        },
        'the load Job complete',
        20_000,
      );
      assert.equal(job.status.succeeded, 1);
      assert.equal(job.spec.template.spec.containers[0].image, 'grafana/k6:0.54.0');
      const logs = await ok(sim, ['logs', '-n', 'starter', '-l', 'starter-stack.dev/load-test=node-api', '--tail=-1']);
      assert.match(logs, /http_req_duration\.+: avg=[\d.]+ms .* p\(95\)=[\d.]+ms/);
      assert.match(logs, /http_req_failed\.+: 0\.00% +0 out of \d+/);
      assert.match(logs, /http_reqs\.+: \d+ +[\d.]+\/s/);
      const finished = await withCluster(sim.kubeconfigPath, ({ client }) =>
        loadTestView(client, { namespace: 'starter', workload: 'load-node-api' }),
      );
      assert.equal(finished.state, 'succeeded');
      assert.equal(finished.series.summary?.errorRate, 0);
      assert.ok((finished.series.summary?.requests ?? 0) > 100, JSON.stringify(finished.series.summary));
      const status = await load(sim, 'status');
      assert.match(status.text, /^node-api: succeeded, 100 req\/s, 10s of 10s · HPA node-api \d→\d replicas \(2–5\)/);

      const plan = await withCluster(sim.kubeconfigPath, ({ client }) => planDelete(client, { namespace: 'starter' }));
      assert.ok(plan.ok);
      const names = planTargets(plan.value).map((t) => `${t.ref.kind}/${t.ref.name}`);
      assert.ok(names.includes('Job/load-node-api') && names.includes('ConfigMap/load-node-api'), names.join(' '));
    }));

  it('names a missing Service and a test already running', () =>
    withSimulator(async (sim) => {
      await deployStack(sim);
      const missing = await load(sim, 'start', 'nothing-here');
      assert.equal(missing.code, 1);
      assert.equal(missing.text, 'starter-stack load start: no Service "nothing-here" in namespace starter');
      assert.equal((await load(sim, 'start', 'node-api')).code, 0);
      const twice = await load(sim, 'start', 'node-api');
      assert.equal(twice.code, 1);
      assert.match(twice.text, /a load test against node-api is already running \(Job load-node-api\); stop it first/);
    }));
});
