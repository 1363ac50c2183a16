import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterCache, type CacheChangeBatch } from '../../../../src/kube/cache/clusterCache';
import type { WatchScope } from '../../../../src/kube/cache/kinds';
import type { ListAnswer } from '../../../../src/kube/cache/watchTransport';
import type { ApiFailure } from '../../../../src/kube/failures';
import type { KubeObject } from '../../../../src/kube/objects';
import { ok, type Result } from '../../../../src/util/result';
import { FakeTransport, pod } from '../../../support/fakeTransport';
import { until } from '../../../support/until';

const FAST = { minMs: 5, maxMs: 40 };

/** Lists Pods in two pages handed over one by one; the second waits until the test opens the gate. */
class PagedTransport extends FakeTransport {
  private open: () => void = () => undefined;
  gate = new Promise<void>((resolve) => (this.open = resolve));
  secondPageAsked = false;

  release(): void {
    this.open();
  }

  override async list(
    scope: WatchScope,
    signal?: AbortSignal,
    onPage?: (items: KubeObject[]) => void,
  ): Promise<Result<ListAnswer, ApiFailure>> {
    const answer = await super.list(scope);
    if (scope.kind !== 'Pod' || !onPage || !answer.ok) return answer;
    const items = answer.value.items;
    onPage(items.slice(0, 2));
    this.secondPageAsked = true;
    await this.gate;
    onPage(items.slice(2));
    return ok({ items: [], resourceVersion: answer.value.resourceVersion });
  }
}

const names = (objects: readonly { metadata: { name: string } }[]): string[] =>
  objects.map((o) => o.metadata.name).sort();

describe('a LIST stored page by page', () => {
  it('its first page reaches the cache (and the tree that listens) before the list ends', async () => {
    const transport = new PagedTransport();
    for (const name of ['a', 'b', 'c', 'd']) transport.put('Pod', pod('shop', name), false);
    const cache = new ClusterCache(transport, FAST);
    const batches: CacheChangeBatch[] = [];
    cache.onDidChange((batch) => batches.push(batch));
    cache.openNamespace('shop');
    await until(() => transport.secondPageAsked && batches.length > 0, 'the first page', 2000);
    await until(() => batches.some((b) => b.objects.some((c) => c.name === 'b')), 'the first page', 2000);
    assert.deepEqual(names(cache.list('Pod', 'shop')), ['a', 'b']);
    assert.equal(cache.status('Pod', 'shop')?.state, 'syncing', 'still listing');
    transport.release();
    await until(() => cache.status('Pod', 'shop')?.state === 'synced', 'the end of the list', 2000);
    assert.deepEqual(names(cache.list('Pod', 'shop')), ['a', 'b', 'c', 'd']);
    cache.dispose();
  });

  it('a relist in pages removes, at its end, what it no longer names, and a watch event after it applies', async () => {
    const transport = new PagedTransport();
    transport.release();
    for (const name of ['a', 'b', 'c']) transport.put('Pod', pod('shop', name), false);
    const cache = new ClusterCache(transport, FAST);
    cache.openNamespace('shop');
    await until(() => transport.live().some((s) => s.scope.kind === 'Pod'), 'the pod watch', 2000);
    transport.remove('Pod', 'shop', 'b', false); // deleted while the watch was away: no event
    transport.put('Pod', pod('shop', 'e'), false);
    transport.endAll({ reason: 'gone' });
    await until(() => names(cache.list('Pod', 'shop')).join() === 'a,c,e', 'the relist', 2000);
    await until(() => transport.live().some((s) => s.scope.kind === 'Pod'), 'the pod watch again', 2000);
    transport.put('Pod', pod('shop', 'f'));
    transport.remove('Pod', 'shop', 'a');
    assert.deepEqual(names(cache.list('Pod', 'shop')), ['c', 'e', 'f']);
    cache.dispose();
  });
});
