import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveClusterTarget, type ClusterTarget } from '../../../src/kube/kubeconfig';
import { LokiClient } from '../../../src/observe/loki/client';
import { KubeLogFollower } from '../../../src/observe/kubeLogs';
import { buildLogQuery } from '../../../src/observe/logql';
import type { LogLine } from '../../../src/observe/model';
import { serviceProxyEndpoint } from '../../../src/observe/serviceProxy';
import { compareTs } from '../../../src/observe/timeMerge';
import { silentLogger } from '../../../src/util/log';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim/index';
import { docs, manifests, ok, serveAsService } from '../../support/simKubectl';
import { startLokiStandin, type LokiStandin } from '../../standins/loki/index';
import { until } from '../../support/until';

// The cluster simulator (a test double of the API server) stands in for the cluster: pod logs for the
// fallback, and the service proxy for reaching Loki with the kubeconfig's credentials.
describe('observe against the cluster simulator', () => {
  let sim: ClusterSimulator;
  let target: ClusterTarget;
  let loki: LokiStandin;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('starter'), manifests.deployment('starter', 'node-api', { replicas: 2 })),
    );
    await ok(sim, ['-n', 'starter', 'rollout', 'status', 'deployment/node-api', '--timeout=30s']);
    const resolved = await resolveClusterTarget({ file: sim.kubeconfigPath });
    assert.ok(resolved.ok);
    target = resolved.value;
    loki = await startLokiStandin();
    await serveAsService(sim, { namespace: 'starter', name: 'loki', port: 3100 }, loki.url);
  });
  after(async () => {
    await loki?.close();
    await sim?.close();
  });

  it('follows every pod of the workload through the log API, merged and labelled', async () => {
    const got: LogLine[] = [];
    let pods: string[] = [];
    const follower = new KubeLogFollower(
      target.kubeConfig,
      { namespace: 'starter', workload: 'node-api' },
      { lines: (l) => got.push(...l), following: (p) => (pods = p) },
      silentLogger,
      { tailLines: 2 },
    );
    try {
      await follower.start();
      assert.equal(pods.length, 2);
      const deadline = Date.now() + 10_000;
      while (new Set(got.map((l) => l.pod)).size < 2 || got.length < 8) {
        if (Date.now() > deadline)
          throw new Error(`only ${got.length} lines from ${[...new Set(got.map((l) => l.pod))].join(',')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual([...new Set(got.map((l) => l.pod))].sort(), [...pods].sort());
      assert.ok(got.every((l) => l.container === 'node-api' && /^\d{19}$/.test(l.ts)));
      assert.ok(got.some((l) => l.line.includes('"msg":"request')));
    } finally {
      follower.dispose();
    }
  });

  it("shows the pods' history in time order, interleaved, not pod by pod", async () => {
    const batches: LogLine[][] = [];
    const follower = new KubeLogFollower(
      target.kubeConfig,
      { namespace: 'starter', workload: 'node-api' },
      { lines: (l) => batches.push(l), following: () => undefined },
      silentLogger,
      { tailLines: 20 },
    );
    try {
      await follower.start();
      const history = await until(() => batches[0], 'the first batch of history');
      assert.deepEqual([...new Set(history.map((l) => l.pod))].length, 2, 'both pods in the first batch');
      const order = history.map((l) => l.ts);
      assert.deepEqual(order, [...order].sort(compareTs), 'in timestamp order');
      const switches = history.filter((l, i) => i > 0 && l.pod !== history[i - 1]!.pod).length;
      assert.ok(switches > 2, `the pods interleave (${switches} switches between pods)`);
    } finally {
      follower.dispose();
    }
  });

  it('reaches Loki through the API server service proxy with the kubeconfig credentials', async () => {
    loki.push({ namespace: 'starter', app: 'node-api', pod: 'p', container: 'c' }, ['via proxy']);
    const endpoint = await serviceProxyEndpoint(target, { namespace: 'starter', name: 'loki', port: 3100 });
    assert.ok(endpoint.ok);
    assert.match(endpoint.value.headers.authorization ?? '', /^Bearer /);
    const page = await new LokiClient(endpoint.value).page({
      query: buildLogQuery({ namespace: 'starter' }, { text: '', regex: false, levels: [] }),
      since: '0',
      limit: 10,
    });
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    assert.deepEqual(
      page.value.lines.map((l) => l.line),
      ['via proxy'],
    );
  });
});
