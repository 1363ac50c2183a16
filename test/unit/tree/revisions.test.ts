import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import { RevisionsNode, type RevisionNode } from '../../../src/editor/tree/nodes/revisionNodes';
import { WorkloadNode } from '../../../src/editor/tree/nodes/workloadNode';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { ClusterCache } from '../../../src/kube/cache/clusterCache';
import type { Revision } from '../../../src/kube/rolloutHistory';
import { ok } from '../../../src/util/result';
import { FakeTransport } from '../../support/fakeTransport';
import { openTreeSource } from '../../support/treeSource';
import { until } from '../../support/until';

const render = { t: plainLocalize, now: Date.parse('2026-01-01T00:05:00Z') };
const revision = (n: number, tag: string, current: boolean): Revision => ({
  revision: n,
  replicaSet: `api-${tag}`,
  images: [`api:${tag}`],
  containers: [{ name: 'api', image: `api:${tag}` }],
  created: '2026-01-01T00:00:00Z',
  current,
  replicas: current ? 1 : 0,
  readyReplicas: current ? 1 : 0,
});
const deployment = (revisionNumber: string) => ({
  metadata: {
    name: 'api',
    namespace: 'starter',
    generation: Number(revisionNumber),
    annotations: { 'deployment.kubernetes.io/revision': revisionNumber },
  },
  spec: { replicas: 1 },
  status: {},
});

describe('Revisions under a Deployment', () => {
  it('reads the revisions when opened, newest first with the current one marked, and reads them again after a rollback', async () => {
    const transport = new FakeTransport();
    transport.put('Namespace', { metadata: { name: 'starter' } }, false);
    transport.put('Deployment', deployment('2'), false);
    const cache = new ClusterCache(transport, { minMs: 5, maxMs: 20 });
    const source = openTreeSource(cache, transport);
    // What the cluster would answer: the ReplicaSets behind the Deployment's current revision.
    const byRevision: Record<string, Revision[]> = {
      '2': [revision(1, 'v1', false), revision(2, 'v2', true)],
      '3': [revision(2, 'v2', false), revision(3, 'v1', true)],
    };
    const model = new ClusterTreeModel(
      source,
      () => 'starter',
      (namespace, name) => {
        const live = cache.get('Deployment', namespace, name);
        return Promise.resolve(
          ok(byRevision[live?.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? ''] ?? []),
        );
      },
    );
    const fired: (TreeNode[] | undefined)[] = [];
    model.onDidChangeNodes((nodes) => fired.push(nodes));
    cache.start();
    await until(() => cache.status('Namespace')?.state === 'synced', 'the Namespace watch to sync');
    cache.openNamespace('starter');
    await until(
      () => cache.status('Deployment', 'starter')?.state === 'synced',
      'the Deployment watch in starter to sync',
    );
    const [context] = model.children();
    const [namespace] = model.children(context);
    const workload = model.children(namespace).find((n) => n instanceof WorkloadNode)!;
    const revisions = model.children(workload).find((n) => n instanceof RevisionsNode);
    assert.ok(revisions instanceof RevisionsNode);
    assert.equal(model.render(revisions, render).description, undefined, 'collapsed, nothing is being read');
    assert.deepEqual(model.children(revisions), []);
    assert.equal(model.render(revisions, render).description, 'reading…', 'expanded, it reads');
    await until(() => fired.some((nodes) => nodes?.includes(revisions)), 'a change event for the node');
    assert.equal(model.render(revisions, render).description, 'current: 2');
    const shown = model.children(revisions) as RevisionNode[];
    assert.deepEqual(
      shown.map((n) => [
        model.render(n, render).label,
        model.render(n, render).description,
        model.render(n, render).contextValue,
      ]),
      [
        ['Revision 2', 'api:v2 · 5m · current', 'revision.current'],
        ['Revision 1', 'api:v1 · 5m', 'revision'],
      ],
    );

    transport.put('Deployment', deployment('3'));
    await until(() => model.render(revisions, render).description === 'current: 3', 'the revisions read again', 5_000);
    assert.deepEqual(
      (model.children(revisions) as RevisionNode[]).map((n) => model.render(n, render).label),
      ['Revision 3', 'Revision 2'],
    );
    model.dispose();
    cache.dispose();
  });
});
