import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterCache } from '../../../../src/kube/cache/clusterCache';
import { Emitter } from '../../../../src/kube/cache/emitter';
import { ClusterReferences, referenceLookup, type ReferenceSession } from '../../../../src/kube/cache/references';
import { LintEngine } from '../../../../src/lint/engine';
import { until } from '../../../support/until';
import { FakeTransport, forbidden } from '../../../support/fakeTransport';

const NO_BACKOFF = { minMs: 1, maxMs: 1 };

function connected(): { transport: FakeTransport; cache: ClusterCache; session: ReferenceSession } {
  const transport = new FakeTransport();
  const cache = new ClusterCache(transport, NO_BACKOFF);
  cache.start();
  return { transport, cache, session: { cache, target: { contextName: 'demo', namespace: 'shop' } } };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: example/api:1.0.0
          envFrom: [{ secretRef: { name: api-credentials } }]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec:
  storageClassName: fast-ssd
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 1Gi } }
`;

/** Lets the cache deliver what it queued (it batches per event-loop turn). */
const turns = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

const findingsOf = (engine: LintEngine) =>
  engine
    .lintFile('file:///app.yaml')
    .filter((f) => f.rule === 'config-ref' || f.rule === 'pvc-missing')
    .map((f) => `${f.severity} ${f.message}`);

describe('the cluster lookup for the linter', () => {
  it('knows nothing until the namespace it is asked about has synced, then answers from the cache', async () => {
    const { transport, cache, session } = connected();
    transport.put('Secret', { metadata: { name: 'api-credentials', namespace: 'shop' }, data: { token: 'c2VjcmV0' } });
    const lookup = referenceLookup(session);
    assert.equal(lookup.has('Secret', undefined, 'api-credentials'), undefined, 'not watched yet');
    assert.equal(lookup.has('Deployment', 'shop', 'api'), undefined, 'not a kind manifests refer to by name');
    const present = await until(() => lookup.has('Secret', undefined, 'api-credentials'), 'the Secret watch to sync');
    assert.equal(present, true);
    assert.equal(lookup.has('Secret', 'shop', 'other'), false);
    assert.equal(cache.get('Secret', 'shop', 'api-credentials')?.data, undefined, "a Secret's values are not kept");
    assert.equal(lookup.where('Secret', undefined), 'namespace "shop" of context "demo"');
    assert.equal(lookup.where('StorageClass', 'shop'), 'context "demo"');
    cache.dispose();
  });

  it('stays unknown where the watch is refused (no RBAC to list Secrets)', async () => {
    const { transport, cache, session } = connected();
    transport.listFailures.set('Secret/shop', forbidden('secrets'));
    const lookup = referenceLookup(session);
    lookup.has('Secret', 'shop', 'x');
    await until(() => cache.status('ConfigMap', 'shop')?.state === 'synced', 'the ConfigMap watch to sync');
    assert.equal(lookup.has('Secret', 'shop', 'x'), undefined);
    assert.equal(lookup.has('ConfigMap', 'shop', 'x'), false);
    cache.dispose();
  });

  it('turns the info about a missing Secret into an error naming the namespace and context, or into nothing', async () => {
    const { transport, cache, session } = connected();
    const lookup = referenceLookup(session);
    const engine = new LintEngine();
    engine.setFile('file:///app.yaml', DEPLOYMENT);
    assert.deepEqual(findingsOf(engine), ['info Secret "api-credentials" is not in the workspace.']);
    engine.setCluster(lookup);
    await until(() => lookup.has('StorageClass', undefined, 'fast-ssd') !== undefined, 'the watches to sync');
    engine.setCluster(lookup);
    assert.deepEqual(findingsOf(engine), [
      'error Secret "api-credentials" is not in the workspace, nor in namespace "shop" of context "demo".',
      'error StorageClass "fast-ssd" is not in the workspace, nor in context "demo".',
    ]);
    transport.put('Secret', { metadata: { name: 'api-credentials', namespace: 'shop' } });
    transport.put('StorageClass', { metadata: { name: 'fast-ssd' } });
    await until(() => lookup.has('Secret', 'shop', 'api-credentials'), 'the Secret to arrive');
    await until(() => lookup.has('StorageClass', undefined, 'fast-ssd'), 'the StorageClass to arrive');
    engine.setCluster(lookup);
    assert.deepEqual(findingsOf(engine), []);
    cache.dispose();
  });

  it('fires when the cluster connects or disconnects and when a referable object comes or goes, not on other changes', async () => {
    const { transport, cache, session } = connected();
    const state = new Emitter<unknown>();
    const source = { session: undefined as ReferenceSession | undefined, onDidChangeState: state.event };
    const references = new ClusterReferences(source);
    let fired = 0;
    references.onDidChange(() => fired++);
    assert.equal(references.lookup(), undefined, 'nothing connected');
    source.session = session;
    state.fire(undefined);
    assert.equal(fired, 1);
    await until(() => references.lookup(), 'the lookup once the cache is connected');
    references.lookup()?.has('ConfigMap', 'shop', 'settings');
    await until(() => cache.status('ConfigMap', 'shop')?.state === 'synced', 'the ConfigMap watch to sync');
    const before = fired;
    transport.put('ConfigMap', { metadata: { name: 'settings', namespace: 'shop' } });
    await until(() => fired > before, 'the change event for the new ConfigMap');
    const afterAdd = fired;
    // Changes that cannot change an answer: a namespace, a ConfigMap's contents. Each in its own cache batch.
    transport.put('Namespace', { metadata: { name: 'other' } });
    transport.put('ConfigMap', { metadata: { name: 'settings', namespace: 'shop' }, data: { a: 'b' } });
    await turns();
    transport.remove('ConfigMap', 'shop', 'settings');
    await until(() => references.lookup()?.has('ConfigMap', 'shop', 'settings') === false, 'the deletion');
    await turns();
    assert.equal(fired, afterAdd + 1, 'one event: the deletion, none for the other changes');
    source.session = undefined;
    state.fire(undefined);
    assert.equal(references.lookup(), undefined, 'disconnected');
    references.dispose();
    cache.dispose();
  });
});
