import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceWatch, type WatchStatus } from '../../../../src/kube/cache/resourceWatch';
import { ObjectStore } from '../../../../src/kube/cache/store';
import type { WatchScope } from '../../../../src/kube/cache/kinds';
import type { KubeObject } from '../../../../src/kube/objects';
import { FakeTransport, forbidden, pod, tick, unreachable } from '../../../support/fakeTransport';
import { until } from '../../../support/until';

const FAST = { minMs: 5, maxMs: 40 };

function harness(scope: WatchScope = { kind: 'Pod', namespace: 'a' }) {
  const transport = new FakeTransport();
  const store = new ObjectStore();
  const statuses: WatchStatus[] = [];
  const sink = {
    replace: (s: WatchScope, items: readonly KubeObject[]) => void store.replace(s, items),
    apply: (s: WatchScope, type: 'ADDED' | 'MODIFIED' | 'DELETED', o: KubeObject) => void store.apply(s.kind, type, o),
    status: (_s: WatchScope, status: WatchStatus) => void statuses.push(status),
  };
  const watch = new ResourceWatch(scope, transport, sink, FAST);
  return { transport, store, statuses, watch };
}

describe('ResourceWatch', () => {
  it('lists, then applies watch events', async () => {
    const { transport, store, watch } = harness();
    transport.put('Pod', pod('a', 'one'), false);
    watch.start();
    await until(() => transport.live().length === 1, '1 live watch(es)');
    assert.equal(store.list('Pod', 'a').length, 1);
    transport.put('Pod', pod('a', 'two'));
    transport.remove('Pod', 'a', 'one');
    assert.deepEqual(
      store.list('Pod', 'a').map((p) => p.metadata.name),
      ['two'],
    );
    watch.dispose();
  });

  it('relists on 410 Gone and drops objects deleted while the watch was away', async () => {
    const { transport, store, watch } = harness();
    transport.put('Pod', pod('a', 'stale'), false);
    watch.start();
    await until(() => transport.live().length === 1, '1 live watch(es)');
    transport.remove('Pod', 'a', 'stale', false); // deleted during a gap: no event reaches us
    transport.put('Pod', pod('a', 'fresh'), false);
    transport.endAll({ reason: 'gone' });
    await until(() => transport.lists.length === 2, 'a relist', 2000);
    await until(() => transport.live().length === 1, '1 live watch(es)');
    assert.deepEqual(
      store.list('Pod', 'a').map((p) => p.metadata.name),
      ['fresh'],
    );
    watch.dispose();
  });

  it('resumes a closed stream from the last resourceVersion without relisting', async () => {
    const { transport, watch } = harness();
    watch.start();
    await until(() => transport.live().length === 1, '1 live watch(es)');
    const event = transport.put('Pod', pod('a', 'x'));
    transport.streams[0]!.handlers.onProgress(event.metadata.resourceVersion!);
    transport.endAll({ reason: 'closed' });
    await until(() => transport.live().length === 1, 'a resumed watch', 2000);
    assert.equal(transport.lists.length, 1);
    assert.equal(transport.live()[0]!.resourceVersion, event.metadata.resourceVersion);
    watch.dispose();
  });

  it('reports a 403 once while it keeps retrying with backoff', async () => {
    const { transport, statuses, watch } = harness();
    transport.listFailures.set('Pod/a', forbidden('pods in namespace "a"'));
    watch.start();
    await until(() => transport.lists.length >= 3, 'retries', 2000);
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['syncing', 'failed'],
    );
    transport.listFailures.clear();
    await until(() => statuses.at(-1)?.state === 'synced', 'recovery', 2000);
    watch.dispose();
  });

  it('says unreachable while the server is down and synced when it is back', async () => {
    const { transport, statuses, watch } = harness();
    watch.start();
    await until(() => transport.live().length === 1, '1 live watch(es)');
    transport.listFailures.set('*', unreachable);
    transport.endAll({ reason: 'closed' });
    await until(() => statuses.at(-1)?.state === 'failed', 'failure', 2000);
    transport.listFailures.clear();
    await until(() => statuses.at(-1)?.state === 'synced', 'recovery', 2000);
    assert.equal(transport.lists.length, 1, 'resumed from the resourceVersion, no relist needed');
    watch.dispose();
  });

  it('stops everything on dispose', async () => {
    const { transport, watch } = harness();
    watch.start();
    await until(() => transport.live().length === 1, '1 live watch(es)');
    watch.dispose();
    assert.equal(transport.live().length, 0);
    await tick(30);
    assert.equal(transport.lists.length, 1);
  });
});
