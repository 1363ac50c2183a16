import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterTreeModel, type TreeSourceState } from '../../../src/editor/tree/clusterTreeModel';
import { type PodNode } from '../../../src/editor/tree/nodes/podNode';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { ClusterCache } from '../../../src/kube/cache/clusterCache';
import { Emitter } from '../../../src/kube/cache/emitter';
import { NAMESPACED_KINDS } from '../../../src/kube/cache/kinds';
import { FakeTransport, pod, unreachable } from '../../support/fakeTransport';
import { openTreeSource } from '../../support/treeSource';
import { until } from '../../support/until';

const render = { t: plainLocalize, now: Date.parse('2026-01-01T00:05:00Z') };

function setup() {
  const transport = new FakeTransport();
  transport.put('Namespace', { metadata: { name: 'starter' } }, false);
  transport.put('Namespace', { metadata: { name: 'other' } }, false);
  transport.put(
    'Deployment',
    {
      metadata: { name: 'api', namespace: 'starter' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'api' } } },
      status: { readyReplicas: 1 },
    },
    false,
  );
  transport.put('Pod', pod('starter', 'api-1', {}, { app: 'api' }), false);
  transport.put('Pod', pod('starter', 'api-2', {}, { app: 'api' }), false);
  const cache = new ClusterCache(transport, { minMs: 5, maxMs: 20 });
  const changed = new Emitter<TreeSourceState>();
  const source = openTreeSource(cache, transport, changed);
  const model = new ClusterTreeModel(source, () => 'starter');
  const fired: (TreeNode[] | undefined)[] = [];
  model.onDidChangeNodes((nodes) => fired.push(nodes));
  cache.start();
  return { transport, cache, model, fired, source, changed };
}

/** Expands everything, waits until every opened namespace has loaded, and renders again: a settled, open view. */
async function expandAndSettle(model: ClusterTreeModel, cache: ClusterCache): Promise<void> {
  expandAll(model);
  await until(
    () => ['starter', 'other'].every((ns) => cache.status('Event', ns)?.state === 'synced'),
    'every watch to sync',
  );
  await new Promise((r) => setImmediate(r));
  expandAll(model);
}

/** Expands and renders everything, as an open tree view would. */
function expandAll(model: ClusterTreeModel, node?: TreeNode): string[] {
  return model.children(node).flatMap((child) => {
    const spec = model.render(child, render);
    return [`${child.id} ${spec.description ?? ''}`, ...expandAll(model, child)];
  });
}

/** A running pod's status whose container `app` is not ready and has restarted `restarts` times. */
const notReady = (restarts: number) => ({
  status: {
    phase: 'Running',
    containerStatuses: [{ name: 'app', ready: false, restartCount: restarts, state: { running: {} } }],
  },
});

async function synced(cache: ClusterCache): Promise<void> {
  await until(() => cache.status('Namespace')?.state === 'synced', 'the Namespace watch to sync');
  cache.openNamespace('starter');
  await until(
    () =>
      ['Pod', 'Deployment', 'Service', 'Event'].every((k) => cache.status(k as 'Pod', 'starter')?.state === 'synced'),
    'every watch to sync',
  );
  await new Promise((r) => setImmediate(r));
}

describe('ClusterTreeModel', () => {
  it('builds context → namespaces (stack first) → workloads → pods → containers', async () => {
    const { cache, model } = setup();
    await synced(cache);
    const lines = expandAll(model);
    assert.deepEqual(
      lines.map((l) => l.split(' ')[0]),
      [
        'context:fake',
        'Namespace/starter',
        'Deployment/starter/api',
        'Deployment/starter/api/events',
        'Pod/starter/api-1',
        'Pod/starter/api-1/app',
        'Pod/starter/api-2',
        'Pod/starter/api-2/app',
        'Namespace/other',
        'Namespace/other/message',
      ],
    );
    model.dispose();
    cache.dispose();
  });

  it('opening every namespace keeps the stack namespace on screen: its rows never go away while the rest loads', async () => {
    const { cache, model } = setup();
    await synced(cache);
    const before = expandAll(model).filter((l) => l.includes('/starter/'));
    const deleted: string[] = [];
    cache.onDidChange((b) => deleted.push(...b.objects.filter((c) => c.type === 'deleted').map((c) => c.name)));
    cache.openAllNamespaces();
    await until(() => cache.status('Pod')?.state === 'synced', 'the cluster-wide pod list');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(deleted, [], 'nothing of the open namespace was dropped and listed again');
    assert.deepEqual(
      expandAll(model).filter((l) => l.includes('/starter/')),
      before,
    );
    model.dispose();
    cache.dispose();
  });

  it('pods listed into a namespace nobody opened redraw nothing; opened later it shows them, then their changes', async () => {
    const { cache, model, fired, transport } = setup();
    transport.put('Pod', pod('other', 'web-1'), false);
    transport.put('Pod', pod('other', 'web-2'), false);
    await synced(cache);
    model.children(model.roots()[0]);
    fired.length = 0;
    cache.openAllNamespaces();
    await until(() => cache.status('Pod')?.state === 'synced', 'the cluster-wide pod list');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      fired.flatMap((nodes) => nodes?.map((n) => n.id) ?? ['(everything)']).filter((id) => id.includes('other/')),
      [],
      'no row under the closed namespace',
    );
    const other = model.findNode('Namespace/other');
    assert.ok(other);
    const folder = model.children(other).find((n) => n.id === 'Namespace/other/folder/pods');
    assert.ok(folder, 'the pods are there when the namespace is opened');
    const rows = (): string[] =>
      model.children(folder).map((n) => `${n.id} ${model.render(n, render).description ?? ''}`);
    assert.deepEqual(
      rows().map((r) => r.split(' ')[0]),
      ['Pod/other/web-1', 'Pod/other/web-2'],
    );
    fired.length = 0;
    transport.put('Pod', pod('other', 'web-1', notReady(3)));
    await until(() => fired.some((nodes) => nodes?.some((n) => n.id === 'Pod/other/web-1')), 'the changed pod');
    assert.match(rows()[0] ?? '', /3 restarts/);
    fired.length = 0;
    transport.remove('Pod', 'other', 'web-2');
    // The folder's row counts its pods: the namespace is redrawn.
    await until(() => fired.some((nodes) => nodes?.some((n) => n.id === 'Namespace/other')), 'the namespace redrawn');
    assert.equal(rows().length, 1);
    assert.equal(model.findNode('Pod/other/web-2'), undefined);
    model.dispose();
    cache.dispose();
  });

  it('fires only the pod that changed, and nothing for a change nobody can see', async () => {
    const { cache, model, fired, transport } = setup();
    await synced(cache);
    await expandAndSettle(model, cache);
    fired.length = 0;
    transport.put('Pod', pod('starter', 'api-2', notReady(1), { app: 'api' }));
    await until(() => fired.length > 0, 'a change event');
    assert.deepEqual(
      fired.map((nodes) => nodes?.map((n) => n.id)),
      [['Pod/starter/api-2']],
    );
    // VS Code asks for the refreshed item; the next comparison is against what it shows now.
    for (const node of fired[0] ?? []) model.render(node, render);
    fired.length = 0;
    // Only the resourceVersion moves (a no-op update as the tree sees it): no refresh.
    transport.put('Pod', pod('starter', 'api-2', notReady(1), { app: 'api' }));
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(fired, []);
    model.dispose();
    cache.dispose();
  });

  it('pod and container rows are drawn without their tooltip; hovering gives the full tooltip of the current data', async () => {
    const { cache, model, transport } = setup();
    await synced(cache);
    await expandAndSettle(model, cache);
    const podNode = model.findNode('Pod/starter/api-2');
    const container = model.findNode('Pod/starter/api-2/app');
    assert.ok(podNode && container);
    for (const node of [podNode, container]) {
      assert.equal(model.render(node, render).tooltip, undefined, `${node.id}: no tooltip built per draw`);
      assert.equal(model.tooltip(node, render), node.render(render).tooltip);
    }
    assert.match(model.tooltip(podNode, render) ?? '', /Ready: 1\/1 · Restarts: 0/);
    assert.match(model.tooltip(container, render) ?? '', /readiness: \*\*passing\*\* — `httpGet \/ready :8080`/);
    transport.put('Pod', pod('starter', 'api-2', notReady(4), { app: 'api' }));
    await until(() => /Restarts: 4/.test(model.tooltip(podNode, render) ?? ''), 'the tooltip of the changed pod');
    assert.match(model.tooltip(podNode, render) ?? '', /Ready: 0\/1 · Restarts: 4/);
    // Other rows keep their tooltip in the row.
    const namespace = model.findNode('Namespace/starter');
    assert.ok(namespace);
    assert.match(model.render(namespace, render).tooltip ?? '', /\*\*Namespace\*\* starter/);
    model.dispose();
    cache.dispose();
  });

  it("asking for a workload's children again reuses the views of unchanged pods and rebuilds a changed one", async () => {
    const { cache, model, transport } = setup();
    await synced(cache);
    await expandAndSettle(model, cache);
    const workload = model.findNode('Deployment/starter/api');
    const view = (id: string) => (model.findNode(id) as PodNode).view;
    const before = [view('Pod/starter/api-1'), view('Pod/starter/api-2')];
    model.children(workload);
    assert.equal(view('Pod/starter/api-1'), before[0], 'an unchanged pod keeps its view object');
    transport.put('Pod', pod('starter', 'api-2', {}, { app: 'api', tier: 'b' }));
    await until(() => cache.get('Pod', 'starter', 'api-2')?.metadata.labels?.tier === 'b', 'the changed pod');
    await new Promise((r) => setImmediate(r)); // the cache's batch reaches the model
    model.children(workload);
    assert.equal(view('Pod/starter/api-1'), before[0]);
    assert.notEqual(view('Pod/starter/api-2'), before[1], 'a changed pod gets a new view');
    assert.deepEqual(view('Pod/starter/api-2'), before[1], 'which reads the same: the change is not shown');
    model.dispose();
    cache.dispose();
  });

  it('a new pod refreshes its workload (the parent), not the whole tree', async () => {
    const { cache, model, fired, transport } = setup();
    await synced(cache);
    await expandAndSettle(model, cache);
    fired.length = 0;
    transport.put('Pod', pod('starter', 'api-3', {}, { app: 'api' }));
    await until(() => fired.length > 0, 'a change event');
    assert.deepEqual(
      fired[0]?.map((n) => n.id),
      ['Deployment/starter/api'],
    );
    assert.ok(model.children(model.findNode('Deployment/starter/api')).some((n) => n.id === 'Pod/starter/api-3'));
    model.dispose();
    cache.dispose();
  });

  it('a deleted pod leaves the tree and the model forgets it and its containers (no growth with pod churn)', async () => {
    const { cache, model, fired, transport } = setup();
    await synced(cache);
    await expandAndSettle(model, cache);
    assert.ok(model.findNode('Pod/starter/api-2/app'), 'the container node exists while the pod does');
    fired.length = 0;
    transport.remove('Pod', 'starter', 'api-2');
    await until(() => fired.length > 0, 'a change event');
    assert.deepEqual(
      fired[0]?.map((n) => n.id),
      ['Deployment/starter/api'],
    );
    assert.deepEqual(
      model.children(model.findNode('Deployment/starter/api')).map((n) => n.id),
      ['Deployment/starter/api/events', 'Pod/starter/api-1'],
    );
    assert.equal(model.findNode('Pod/starter/api-2'), undefined);
    assert.equal(model.findNode('Pod/starter/api-2/app'), undefined);
    assert.ok(model.findNode('Pod/starter/api-1/app'), 'the other pod keeps its nodes');
    model.dispose();
    cache.dispose();
  });

  it('an unreachable cluster is one root node with Retry; the tree comes back after', async () => {
    const { cache, model, transport } = setup();
    await synced(cache);
    transport.listFailures.set('*', unreachable);
    transport.endAll({ reason: 'failed', failure: unreachable });
    await until(() => model.roots()[0]?.id === 'message:root', 'the root to become a message');
    const [root] = model.roots();
    assert.equal(model.render(root!, render).contextValue, 'clusterUnreachable');
    transport.listFailures.clear();
    cache.retry();
    await until(() => model.roots()[0]?.id === 'context:fake', 'the context node again', 3000);
    model.dispose();
    cache.dispose();
  });

  it('shows a forbidden namespace as "No access" without failing the others', async () => {
    const { cache, model, transport } = setup();
    for (const kind of NAMESPACED_KINDS) {
      transport.listFailures.set(`${kind}/other`, {
        kind: 'forbidden',
        fatal: false,
        status: 403,
        message: `forbidden: cannot list ${kind} in "other"`,
      });
    }
    await synced(cache);
    expandAll(model);
    cache.openNamespace('other');
    await until(() => cache.status('Pod', 'other')?.state === 'failed', 'the Pod watch in other to fail');
    await until(() => cache.status('Event', 'other')?.state === 'failed', 'the Event watch in other to fail');
    const other = model.findNode('Namespace/other')!;
    assert.equal(model.render(model.children(other)[0]!, render).label, 'No access');
    assert.equal(model.render(other, render).description, 'no access');
    assert.equal(model.roots()[0]?.id, 'context:fake');
    model.dispose();
    cache.dispose();
  });

  it('a context switch resets the tree', async () => {
    const { cache, model, fired, source, changed } = setup();
    await synced(cache);
    fired.length = 0;
    (source as { state: TreeSourceState }).state = { state: 'opening' };
    changed.fire(source.state);
    assert.deepEqual(fired, [undefined]);
    assert.equal(model.roots()[0]?.id, 'message:root');
    assert.equal(model.findNode('Namespace/starter'), undefined);
    model.dispose();
    cache.dispose();
  });
});
