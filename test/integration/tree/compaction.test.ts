// The tree over a watch whose history was compacted away: a real 410 Gone from the simulator (a test double),
// answered by relisting, so changes made while the watch was away still reach the tree.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import type { ClusterClient } from '../../../src/kube/client';
import { openLiveSession } from '../../../src/kube/cache/connect';
import { LiveCluster } from '../../../src/kube/cache/liveCluster';
import type { KubeObject } from '../../../src/kube/objects';
import { createNamespace, patchStatus, post, runningStatus } from './simHelpers';
import { until } from '../../support/until';

const FAST = { minMs: 20, maxMs: 200 };
const render = { t: plainLocalize, now: Date.now() };
const PODS = '/api/v1/namespaces/starter/pods';

function expandAll(model: ClusterTreeModel, node?: TreeNode): TreeNode[] {
  return model.children(node).flatMap((child) => {
    model.render(child, render);
    return [child, ...expandAll(model, child)];
  });
}

/** The description of the node the expanded tree shows with this id; undefined when the tree does not show it. */
const describeNode = (model: ClusterTreeModel, id: string): string | undefined => {
  const node = expandAll(model).find((n) => n.id === id);
  return node ? (model.render(node, render).description ?? '') : undefined;
};

function barePod(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'starter' },
    spec: { nodeName: 'sim-node-1', containers: [{ name: 'app', image: 'starter/api:1' }] },
    status: runningStatus(true),
  };
}

/** The first line of a raw watch from `resourceVersion` (the simulator ends the stream after an ERROR). */
async function firstWatchEvent(
  client: ClusterClient,
  resourceVersion: string,
): Promise<{ type: string; object: { code?: number; reason?: string } }> {
  const answer = await client.send(
    { method: 'GET', path: '/api/v1/pods', query: { watch: 'true', resourceVersion, timeoutSeconds: '5' } },
    { verb: 'watch', plural: 'pods', group: '' },
  );
  assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
  const text = typeof answer.value.body === 'string' ? answer.value.body : JSON.stringify(answer.value.body);
  return JSON.parse(text.trim().split('\n')[0] ?? '{}') as { type: string; object: { code?: number; reason?: string } };
}

describe('cluster tree when the watch history was compacted (real 410 Gone)', () => {
  let sim: ClusterSimulator;
  let live: LiveCluster;
  let model: ClusterTreeModel;

  before(async () => {
    sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
    live = new LiveCluster(
      (request) => openLiveSession(request, FAST),
      () => ({ file: sim.kubeconfigPath }),
    );
    model = new ClusterTreeModel(live, () => 'starter');
    await live.connect();
    const client = live.session!.client;
    await createNamespace(client, 'starter');
    await post(client, PODS, barePod('web-1'));
    await post(client, PODS, barePod('web-2'));
  });

  after(async () => {
    model.dispose();
    live.dispose();
    await sim.close();
  });

  it('relists after its resume is refused with 410, and shows what changed while the watch was away', async () => {
    const client = live.session!.client;
    await until(
      () =>
        /1\/1/.test(describeNode(model, 'Pod/starter/web-1') ?? '') &&
        describeNode(model, 'Pod/starter/web-2') !== undefined,
      'both pods in the tree',
      10_000,
    );
    const seenBefore = live.session!.cache.get('Pod', 'starter', 'web-1')?.metadata.resourceVersion ?? '';
    assert.notEqual(seenBefore, '');

    // Keep the pod watch away (its resumes answered 503) while the pods change and etcd compacts its history.
    sim.faults.respond({ method: 'GET', path: new RegExp(`^${PODS}$`), status: 503 });
    sim.faults.dropWatches();
    await patchStatus(client, `${PODS}/web-1`, runningStatus(false));
    const deleted = await client.send(
      { method: 'DELETE', path: `${PODS}/web-2` },
      { verb: 'delete', plural: 'pods', group: '' },
    );
    assert.ok(deleted.ok);
    sim.faults.compact();
    // What the cache's resume will get: not the missed events, but a 410 Expired ERROR event.
    const refused = await firstWatchEvent(client, seenBefore);
    assert.deepEqual([refused.type, refused.object.code, refused.object.reason], ['ERROR', 410, 'Expired']);
    assert.match(
      describeNode(model, 'Pod/starter/web-1') ?? '',
      /1\/1/,
      'nothing reached the tree while the watch was away',
    );

    sim.faults.clear();
    await until(
      () => /0\/1/.test(describeNode(model, 'Pod/starter/web-1') ?? ''),
      'the readiness change after the relist',
      10_000,
    );
    await until(
      () => describeNode(model, 'Pod/starter/web-2') === undefined,
      'the deleted pod to leave the tree',
      10_000,
    );
    await until(
      () => live.session!.cache.status('Pod', 'starter')?.state === 'synced',
      'the pod watch to be synced again',
      10_000,
    );

    // The watch runs again from the relisted version: a later change arrives as usual.
    await patchStatus(client, `${PODS}/web-1`, runningStatus(true));
    await until(() => /1\/1/.test(describeNode(model, 'Pod/starter/web-1') ?? ''), 'a change after the relist', 10_000);
  });
});
