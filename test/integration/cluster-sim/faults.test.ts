// Fault injection: canned errors, latency, dropped and expired watches, outages, and the CLI entry.
import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, json, kubectl, manifests, ok } from '../../support/simKubectl';

describe('cluster simulator: faults', () => {
  let sim: ClusterSimulator;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('locked'), manifests.namespace('open'), manifests.configMap('open', 'c', 'v')),
    );
  });
  after(() => sim.close());

  /** What a one-second watch of namespace open's ConfigMaps from `resourceVersion` delivers, as `TYPE:name`. */
  const configMapEventsSince = async (resourceVersion: string): Promise<string[]> => {
    const path = `/api/v1/namespaces/open/configmaps?watch=1&resourceVersion=${resourceVersion}&timeoutSeconds=1`;
    const lines = (await ok(sim, ['get', '--raw', path])).trim().split('\n');
    return lines.map((l) => `${JSON.parse(l).type}:${JSON.parse(l).object.metadata.name}`);
  };

  it('answers injected statuses for matching paths, a limited number of times', async () => {
    sim.faults.respond({
      path: '/api/v1/namespaces/locked/',
      status: 403,
      message: 'configmaps is forbidden: User "dev" cannot list resource "configmaps" in the namespace "locked"',
      times: 1,
    });
    const denied = await kubectl(sim, ['-n', 'locked', 'get', 'configmaps']);
    assert.match(denied.stderr, /Error from server \(Forbidden\): configmaps is forbidden/);
    assert.equal((await kubectl(sim, ['-n', 'locked', 'get', 'configmaps'])).code, 0, 'times: 1 consumed');
    sim.faults.respond({ method: 'GET', path: /\/configmaps\/c$/, status: 500 });
    assert.match((await kubectl(sim, ['-n', 'open', 'get', 'cm', 'c'])).stderr, /InternalError|injected fault/);
    sim.faults.clear();
    await ok(sim, ['-n', 'open', 'get', 'cm', 'c']);
  });

  it('adds latency to every request', async () => {
    sim.faults.latency(400);
    const t = Date.now();
    await ok(sim, ['get', '--raw', '/api/v1/namespaces/open/configmaps/c']);
    assert.ok(Date.now() - t >= 400);
    sim.faults.latency(0);
  });

  it('drops open watches (clients see the stream end) and a client-node watch can resume', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const events: string[] = [];
    let ended = false;
    const watch = new Watch(kc);
    const list = await json(sim, ['-n', 'open', 'get', 'configmaps']);
    const req = await watch.watch(
      '/api/v1/namespaces/open/configmaps',
      { resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true },
      (type: string, obj: { metadata?: { name?: string } }) => events.push(`${type}:${obj.metadata?.name ?? ''}`),
      () => (ended = true),
    );
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('open', 'd', 'v'));
    await until(() => events.includes('ADDED:d') || undefined, 'condition');
    await until(() => events.some((e) => e.startsWith('BOOKMARK')) || undefined, 'a bookmark', 5000);
    sim.faults.dropWatches();
    await until(() => ended || undefined, 'condition');
    req.abort();
    // Resuming from the last seen version replays what happened in between.
    const rv = (await json(sim, ['-n', 'open', 'get', 'cm', 'd'])).metadata.resourceVersion as string;
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('open', 'e', 'v'));
    assert.deepEqual(await configMapEventsSince(rv), ['ADDED:e']);
  });

  it('compacts its history: a watch resuming from an older resourceVersion gets a real 410 Gone, a fresh one works', async () => {
    // The list's own version (kubectl get -o json prints a client-side List without one).
    const listVersion = async () =>
      JSON.parse(await ok(sim, ['get', '--raw', '/api/v1/namespaces/open/configmaps'])).metadata
        .resourceVersion as string;
    const before = await listVersion();
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('open', 'f', 'v'));
    // Without compaction the retained history replays the change.
    assert.deepEqual(await configMapEventsSince(before), ['ADDED:f']);
    sim.faults.compact();
    // kubectl sends exactly this request when it resumes a watch; the real server answers 200 and one ERROR event.
    const expired = await ok(sim, [
      'get',
      '--raw',
      `/api/v1/namespaces/open/configmaps?watch=1&resourceVersion=${before}&timeoutSeconds=5`,
    ]);
    const lines = expired
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].type, 'ERROR');
    const { message, ...status } = lines[0].object;
    assert.deepEqual(status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    assert.match(message, new RegExp(`^too old resource version: ${before} \\(\\d+\\)$`));
    // @kubernetes/client-node's Watch hands the same ERROR event to its callback, then ends.
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const seen: Array<{ type: string; code?: number; reason?: string }> = [];
    let ended = false;
    await new Watch(kc).watch(
      '/api/v1/namespaces/open/configmaps',
      { resourceVersion: before },
      (type: string, obj: { code?: number; reason?: string }) =>
        seen.push({ type, code: obj.code, reason: obj.reason }),
      () => (ended = true),
    );
    await until(() => ended || undefined, 'the expired watch to end', 5000);
    assert.deepEqual(seen, [{ type: 'ERROR', code: 410, reason: 'Expired' }]);
    // A fresh LIST gives a version that can be watched again; the next change arrives on it.
    const fresh = await listVersion();
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('open', 'g', 'v'));
    assert.deepEqual(await configMapEventsSince(fresh), ['ADDED:g']);
  });

  it('goes down (connection refused) and comes back on the same port with the same state', async () => {
    sim.faults.down();
    const refused = await kubectl(sim, ['get', 'ns', 'open', '--request-timeout=2s']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /connection refused|was refused/);
    sim.faults.up();
    await until(async () => ((await kubectl(sim, ['get', 'ns', 'open'])).code === 0 ? true : undefined), 'condition');
    assert.equal((await json(sim, ['-n', 'open', 'get', 'cm', 'c'])).data.key, 'v');
  });
});

describe('cluster simulator: command line entry', () => {
  it('starts, prints its URL and kubeconfig, serves kubectl, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sim/main.ts', '--nodes', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const kubeconfig = await until(() => /kubeconfig: (\S+)/.exec(out)?.[1], 'the kubeconfig line', 30_000);
      assert.match(out, /https:\/\/127\.0\.0\.1:\d+/);
      assert.match(out, /test double/);
      const nodes = await new Promise<string>((resolve) => {
        const k = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'nodes', '-o', 'name']);
        let s = '';
        k.stdout.on('data', (d: Buffer) => (s += d.toString()));
        k.on('close', () => resolve(s));
      });
      assert.deepEqual(nodes.trim().split('\n'), ['node/sim-node-1', 'node/sim-node-2']);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
  });
});
