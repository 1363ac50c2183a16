// The simulator's object store on its own: the indexes and guarantees the HTTP layer and controllers rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findByKind } from '../../../sim/resources';
import { type KObject, ObjectStore, jsonEqual, meta } from '../../../sim/store';

const pods = findByKind('v1', 'Pod')!;
const namespaces = findByKind('v1', 'Namespace')!;
const pod = (namespace: string, name: string, extra: KObject = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: { containers: [{ name: 'c', image: 'i' }] },
  ...extra,
});
const names = (objects: KObject[]) => objects.map((o) => `${meta(o).namespace ?? ''}/${meta(o).name}`);

describe('cluster simulator: object store', () => {
  it('lists in storage key order (namespace/name), per type and per namespace, whatever the creation order', () => {
    const store = new ObjectStore();
    for (const [ns, name] of [
      ['b', 'x'],
      ['a-b', 'y'],
      ['a', 'z'],
      ['a', 'web-10'],
      ['a', 'web-1'],
      ['a', 'web-2'],
    ])
      store.create(pods, pod(ns!, name!));
    store.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
    const expected = ['a-b/y', 'a/web-1', 'a/web-10', 'a/web-2', 'a/z', 'b/x'];
    assert.deepEqual(names(store.view(pods)), expected);
    assert.deepEqual(
      names(store.view(pods, 'a')),
      expected.filter((k) => k.startsWith('a/')),
    );
    assert.deepEqual(names(store.view(pods, 'none')), []);
    store.delete(pods, 'a', 'web-10');
    assert.deepEqual(names(store.view(pods, 'a')), ['a/web-1', 'a/web-2', 'a/z']);
    assert.deepEqual(names(store.view(namespaces)), ['/a']);
    assert.deepEqual(names(store.view(namespaces, 'a')), [], 'cluster-scoped objects are in no namespace');
  });

  it('shares stored objects frozen; a write stores a new version and leaves the old one intact', () => {
    const store = new ObjectStore();
    store.create(pods, pod('a', 'p'));
    const stored = store.peek(pods, 'a', 'p')!;
    assert.ok(Object.isFrozen(stored) && Object.isFrozen(meta(stored)) && Object.isFrozen(stored.spec));
    assert.throws(() => ((stored.spec as { containers: unknown[] }).containers = []), TypeError);
    const next = structuredClone(stored);
    (next.spec as { containers: Array<{ image: string }> }).containers[0]!.image = 'j';
    const written = store.update(pods, next, stored);
    assert.equal(meta(written).generation, 2);
    assert.notEqual(meta(written).resourceVersion, meta(stored).resourceVersion);
    assert.equal((stored.spec as { containers: Array<{ image: string }> }).containers[0]!.image, 'i');
    assert.equal(store.peek(pods, 'a', 'p'), written);
  });

  it('treats a write that changes nothing (in any key order) as a no-op: same resourceVersion, no event', () => {
    const store = new ObjectStore();
    store.create(pods, pod('a', 'p', { status: { phase: 'Running', podIP: '10.0.0.1' } }));
    const stored = store.peek(pods, 'a', 'p')!;
    const rv = store.currentRV();
    const reordered = {
      status: { podIP: '10.0.0.1', phase: 'Running' },
      spec: structuredClone(stored.spec),
      metadata: { ...structuredClone(meta(stored)), resourceVersion: '1' },
      kind: 'Pod',
      apiVersion: 'v1',
    };
    assert.equal(meta(store.update(pods, reordered, stored)).resourceVersion, meta(stored).resourceVersion);
    assert.equal(store.currentRV(), rv);
    assert.deepEqual(store.eventsSince(rv), []);
  });

  it('compares like JSON: undefined members are absent, key order does not matter, arrays do', () => {
    assert.ok(jsonEqual({ a: 1, b: undefined, c: [1, { d: 2, e: 3 }] }, { c: [1, { e: 3, d: 2 }], a: 1 }));
    assert.ok(!jsonEqual({ a: null }, {}));
    assert.ok(!jsonEqual([1, 2], [2, 1]));
    assert.ok(jsonEqual([undefined], [null]));
  });

  it('replays events after a resourceVersion until the history is compacted, then answers gone', () => {
    const store = new ObjectStore();
    store.create(pods, pod('a', 'p'));
    const rv = store.currentRV();
    store.create(pods, pod('a', 'q'));
    store.delete(pods, 'a', 'p');
    const replay = store.eventsSince(rv);
    assert.ok(replay !== 'gone');
    assert.deepEqual(
      replay.map((e) => `${e.type}:${meta(e.object).name}`),
      ['ADDED:q', 'DELETED:p'],
    );
    assert.deepEqual(store.eventsSince(store.currentRV()), []);
    store.compact();
    assert.equal(store.eventsSince(rv), 'gone');
    assert.deepEqual(store.eventsSince(store.currentRV()), []);
    assert.equal(store.oldestResumableRV(), store.currentRV());
  });

  it('indexes dependents by owner uid, in list order, and forgets them when the reference goes', () => {
    const store = new ObjectStore();
    const owner = store.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'owner' } });
    const uid = meta(owner).uid!;
    const ref = { apiVersion: 'v1', kind: 'Namespace', name: 'owner', uid };
    for (const name of ['b', 'a'])
      store.create(pods, pod('x', name, { metadata: { name, namespace: 'x', ownerReferences: [ref] } }));
    assert.deepEqual(names(store.dependentsOf(uid, pods).map((e) => e.object)), ['x/a', 'x/b']);
    assert.ok(store.hasUid(uid));
    const b = store.peek(pods, 'x', 'b')!;
    const orphan = structuredClone(b);
    delete meta(orphan).ownerReferences;
    store.update(pods, orphan, b);
    assert.deepEqual(names(store.dependentsOf(uid).map((e) => e.object)), ['x/a']);
    store.delete(namespaces, undefined, 'owner');
    assert.ok(!store.hasUid(uid));
  });
});
