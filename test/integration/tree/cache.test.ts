import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import { openLiveSession, type LiveSession } from '../../../src/kube/cache/connect';
import { ClusterCache, type CacheChangeBatch } from '../../../src/kube/cache/clusterCache';
import { createNamespace, deploymentPod, patchStatus, post, runningStatus } from './simHelpers';
import { until } from '../../support/until';
import { ClusterWatchTransport } from '../../../src/kube/cache/watchTransport';
import type { ClusterClient } from '../../../src/kube/client';

const FAST = { minMs: 20, maxMs: 200 };

describe('watch cache against the cluster simulator', () => {
  let sim: ClusterSimulator;
  let session: LiveSession;
  const batches: CacheChangeBatch[] = [];

  before(async () => {
    sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
    const opened = await openLiveSession({ file: sim.kubeconfigPath }, FAST);
    assert.ok(opened.ok, opened.ok ? '' : opened.error);
    session = opened.value;
    session.cache.onDidChange((b) => batches.push(b));
    await createNamespace(session.client, 'shop');
    await post(session.client, '/api/v1/namespaces/shop/pods', deploymentPod('shop', 'api', 1));
    session.cache.start();
    session.cache.openNamespace('shop');
    await until(() => session.cache.status('Pod', 'shop')?.state === 'synced', 'pods synced', 5000);
  });

  after(async () => {
    session.dispose();
    await sim.close();
  });

  it('lists the namespace and its pods', () => {
    assert.ok(session.cache.list('Namespace').some((n) => n.metadata.name === 'shop'));
    assert.deepEqual(
      session.cache.list('Pod', 'shop').map((p) => p.metadata.name),
      ['api-5d8f7-1'],
    );
    assert.equal(session.cache.connection().state, 'connected');
  });

  it('keeps a listed pod compact: what the tree reads, without the managed fields the simulator wrote', async () => {
    const raw = await session.client.send(
      { method: 'GET', path: '/api/v1/namespaces/shop/pods/api-5d8f7-1' },
      { verb: 'get', plural: 'pods', group: '' },
    );
    assert.ok(raw.ok && (raw.value.body as { metadata: { managedFields?: unknown[] } }).metadata.managedFields?.length);
    const [cached] = session.cache.list('Pod', 'shop');
    assert.ok(cached);
    assert.equal(cached.metadata.managedFields, undefined);
    assert.equal(cached.metadata.name, 'api-5d8f7-1');
    assert.equal(cached.kind, 'Pod');
    assert.ok(Array.isArray((cached.spec as { containers?: unknown }).containers), 'its containers are kept');
  });

  it('lists in pages (limit/continue) and gets every object once, in key order', async () => {
    await createNamespace(session.client, 'paged');
    for (let i = 0; i < 5; i++)
      await post(session.client, '/api/v1/namespaces/paged/pods', deploymentPod('paged', 'web', i));
    const queries: string[] = [];
    const events: string[] = [];
    const client = Object.assign(Object.create(session.client) as ClusterClient, {
      send: async (request: Parameters<ClusterClient['send']>[0], what: Parameters<ClusterClient['send']>[1]) => {
        const page = queries.push(JSON.stringify(request.query));
        events.push(`ask ${page}`);
        const answer = await session.client.send(request, what);
        events.push(`answer ${page}`);
        return answer;
      },
    });
    const listed = await new ClusterWatchTransport(client, 2).list({ kind: 'Pod', namespace: 'paged' });
    assert.ok(listed.ok, listed.ok ? '' : listed.error.message);
    assert.deepEqual(
      listed.value.items.map((p) => p.metadata.name),
      [0, 1, 2, 3, 4].map((i) => deploymentPod('paged', 'web', i).metadata.name),
    );
    assert.ok(listed.value.items.every((p) => p.kind === 'Pod' && p.apiVersion === 'v1'));
    assert.equal(queries.length, 3, `three pages of at most 2: ${queries.join(' ')}`);
    assert.ok(queries.slice(1).every((q) => q.includes('"continue"')));
    // The next page is asked for from the first bytes of this one, before this answer is read and parsed.
    assert.ok(
      events.indexOf('ask 2') < events.indexOf('answer 1'),
      `page 2 asked before page 1's answer: ${events.join(', ')}`,
    );
  });

  it('a paged list reaches the cache page by page, and watch events after it apply', async () => {
    await createNamespace(session.client, 'pages');
    for (let i = 0; i < 5; i++)
      await post(session.client, '/api/v1/namespaces/pages/pods', deploymentPod('pages', 'web', i));
    const cache = new ClusterCache(new ClusterWatchTransport(session.client, 2), FAST);
    // How many pods of the namespace the cache held at each change batch while the list was still syncing.
    const heldWhileListing: number[] = [];
    cache.onDidChange(() => {
      if (cache.status('Pod', 'pages')?.state === 'syncing') heldWhileListing.push(cache.list('Pod', 'pages').length);
    });
    cache.openNamespace('pages');
    try {
      await until(() => cache.status('Pod', 'pages')?.state === 'synced', 'the paged list', 5000);
      assert.ok(
        heldWhileListing.some((n) => n > 0 && n < 5),
        `some pods stored before the last page: ${heldWhileListing.join(', ')}`,
      );
      assert.equal(cache.list('Pod', 'pages').length, 5);
      const name = deploymentPod('pages', 'web', 3).metadata.name;
      await patchStatus(session.client, `/api/v1/namespaces/pages/pods/${name}`, runningStatus(false));
      await until(
        () =>
          (cache.get('Pod', 'pages', name)?.status as { conditions?: { status: string }[] }).conditions?.[0]?.status ===
          'False',
        'the watch event after the paged list',
        5000,
      );
      await post(session.client, '/api/v1/namespaces/pages/pods', deploymentPod('pages', 'web', 7));
      await until(() => cache.list('Pod', 'pages').length === 6, 'a pod added after the paged list', 5000);
    } finally {
      cache.dispose();
    }
  });

  it('a pod status change at the API reaches the cache as one scoped change', async () => {
    batches.length = 0;
    await patchStatus(session.client, '/api/v1/namespaces/shop/pods/api-5d8f7-1', runningStatus(false));
    await until(
      () =>
        batches.some((b) =>
          b.objects.some((c) => c.kind === 'Pod' && c.name === 'api-5d8f7-1' && c.type === 'modified'),
        ),
      'the change',
      3000,
    );
    const pod = session.cache.get('Pod', 'shop', 'api-5d8f7-1');
    assert.equal((pod?.status as { conditions: { status: string }[] }).conditions[0]?.status, 'False');
  });

  it('relists after 410 Gone: a pod deleted while the watch was away disappears', async () => {
    await post(session.client, '/api/v1/namespaces/shop/pods', deploymentPod('shop', 'api', 9));
    await until(() => session.cache.get('Pod', 'shop', 'api-5d8f7-9') !== undefined, 'the pod', 5000);
    // Keep the pod watch away (503s) while the pod is deleted, then answer its resume with 410 Gone.
    const pods = '/api/v1/namespaces/shop/pods';
    sim.faults.respond({ method: 'GET', path: pods, status: 503, times: 2 });
    sim.faults.respond({ method: 'GET', path: pods, status: 410, times: 1 });
    sim.faults.dropWatches();
    const deleted = await session.client.send(
      { method: 'DELETE', path: `${pods}/api-5d8f7-9` },
      { verb: 'delete', plural: 'pods', group: '' },
    );
    assert.ok(deleted.ok);
    await post(session.client, pods, deploymentPod('shop', 'api', 2));
    await until(
      () => session.cache.get('Pod', 'shop', 'api-5d8f7-2') !== undefined,
      'the pod created during the gap',
      5000,
    );
    assert.equal(session.cache.get('Pod', 'shop', 'api-5d8f7-9'), undefined);
    sim.faults.clear();
  });

  it('goes unreachable when the server is down and recovers when it is back', async () => {
    sim.faults.down();
    try {
      await until(() => session.cache.connection().state === 'unreachable', 'unreachable', 5000);
      const down = session.cache.connection();
      // A new connection is refused; an open watch sees its connection reset. Both say where the cluster was.
      assert.match(
        down.state === 'unreachable' ? down.message : '',
        /(cannot reach|lost the connection to) the cluster at https:\/\/127\.0\.0\.1:\d+ \(context starter-sim\)/,
      );
    } finally {
      sim.faults.up();
    }
    session.cache.retry();
    await until(() => session.cache.connection().state === 'connected', 'reconnected', 8000);
    await post(session.client, '/api/v1/namespaces/shop/pods', deploymentPod('shop', 'api', 3));
    await until(() => session.cache.get('Pod', 'shop', 'api-5d8f7-3') !== undefined, 'events after reconnect', 5000);
  });

  it('reports RBAC denial on one namespace without touching the others', async () => {
    await createNamespace(session.client, 'locked');
    sim.faults.respond({
      path: /^\/api\/v1\/namespaces\/locked\/pods/,
      status: 403,
      message: 'pods is forbidden: User "dev" cannot list resource "pods" in namespace "locked"',
    });
    session.cache.openNamespace('locked');
    await until(() => session.cache.status('Pod', 'locked')?.state === 'failed', 'forbidden status', 5000);
    const status = session.cache.status('Pod', 'locked');
    assert.equal(status?.state === 'failed' ? status.failure.kind : '', 'forbidden');
    await until(
      () => session.cache.status('Service', 'locked')?.state === 'synced',
      'services in the locked namespace',
      5000,
    );
    assert.equal(session.cache.status('Pod', 'shop')?.state, 'synced');
    assert.equal(session.cache.connection().state, 'connected');
    sim.faults.clear();
  });
});
