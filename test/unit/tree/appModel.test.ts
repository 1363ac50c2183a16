import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { ClusterCache } from '../../../src/kube/cache/clusterCache';
import { FakeTransport, pod } from '../../support/fakeTransport';
import { openTreeSource } from '../../support/treeSource';
import { until } from '../../support/until';

const NOW = Date.parse('2026-01-01T00:05:00Z');
const render = { t: plainLocalize, now: NOW };

const deployment = (name: string) => ({
  metadata: { name, namespace: 'starter', generation: 1 },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name, tier: 'backend' } } },
  },
  status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 },
});
const service = (name: string, selector: Record<string, string>) => ({
  metadata: { name, namespace: 'starter' },
  spec: { selector, ports: [{ port: 80, targetPort: 8080 }] },
});
const endpoints = (name: string, ready: number) => ({
  metadata: { name, namespace: 'starter' },
  subsets: [{ addresses: Array.from({ length: ready }, (_, i) => ({ ip: `10.0.0.${i + 1}` })) }],
});
const warning = (name: string, kind: string, object: string, reason: string) => ({
  metadata: { name, namespace: 'starter' },
  type: 'Warning',
  reason,
  message: `${reason} on ${object}`,
  count: 3,
  lastTimestamp: '2026-01-01T00:02:00Z',
  involvedObject: { kind, name: object, namespace: 'starter' },
});

function setup() {
  const transport = new FakeTransport();
  transport.put('Namespace', { metadata: { name: 'starter' } }, false);
  transport.put('Deployment', deployment('api'), false);
  transport.put('Deployment', deployment('web'), false);
  transport.put('Pod', pod('starter', 'api-1', {}, { app: 'api', tier: 'backend' }), false);
  transport.put('Pod', pod('starter', 'web-1', {}, { app: 'web', tier: 'backend' }), false);
  transport.put('Pod', pod('starter', 'debug', {}, { run: 'debug' }), false);
  transport.put('Service', service('api', { app: 'api' }), false);
  transport.put('Endpoints', endpoints('api', 1), false);
  transport.put('Service', service('backends', { tier: 'backend' }), false);
  transport.put('Service', service('legacy', { app: 'gone' }), false);
  transport.put(
    'Ingress',
    {
      metadata: { name: 'edge', namespace: 'starter' },
      spec: {
        rules: [
          {
            host: 'shop.local',
            http: {
              paths: [
                { path: '/api', backend: { service: { name: 'api', port: { number: 80 } } } },
                { path: '/old', backend: { service: { name: 'legacy', port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    },
    false,
  );
  transport.put(
    'HorizontalPodAutoscaler',
    {
      metadata: { name: 'api', namespace: 'starter' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 5 },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    },
    false,
  );
  transport.put('Event', warning('api-1.a', 'Pod', 'api-1', 'Unhealthy'), false);
  const cache = new ClusterCache(transport, { minMs: 5, maxMs: 20 });
  const model = new ClusterTreeModel(openTreeSource(cache, transport), () => 'starter');
  const fired: (TreeNode[] | undefined)[] = [];
  model.onDidChangeNodes((nodes) => fired.push(nodes));
  cache.start();
  return { transport, cache, model, fired };
}

async function settled(model: ClusterTreeModel, cache: ClusterCache): Promise<void> {
  await until(() => cache.status('Namespace')?.state === 'synced', 'the Namespace watch to sync');
  cache.openNamespace('starter');
  await until(
    () =>
      ['Pod', 'Deployment', 'Service', 'Endpoints', 'Ingress', 'HorizontalPodAutoscaler', 'Event'].every(
        (k) => cache.status(k as 'Pod', 'starter')?.state === 'synced',
      ),
    'every watch to sync',
  );
  await new Promise((r) => setImmediate(r));
  expandAll(model);
}

/** Expands and renders everything as an open view would: `id  label · description` lines. */
function expandAll(model: ClusterTreeModel, node?: TreeNode): string[] {
  return model.children(node).flatMap((child) => {
    const spec = model.render(child, render);
    return [`${child.id}  ${spec.label} · ${spec.description ?? ''}`, ...expandAll(model, child)];
  });
}

const children = (model: ClusterTreeModel, id: string) =>
  model
    .children(model.findNode(id))
    .map((n) => `${n.id}  ${model.render(n, render).label} · ${model.render(n, render).description ?? ''}`);

describe('ClusterTreeModel: the application first', () => {
  it('shows under a workload its autoscaler, the Services that select it, their routes, its Events and its pods', async () => {
    const { cache, model } = setup();
    await settled(model, cache);
    assert.deepEqual(children(model, 'Deployment/starter/api'), [
      'Deployment/starter/api/HorizontalPodAutoscaler/starter/api  api · 1/1 · 1–5 · metrics unavailable',
      'Deployment/starter/api/Service/starter/api  api · ClusterIP · 80→8080/TCP · 1/1 endpoints ready',
      'Deployment/starter/api/Service/starter/backends  backends · ClusterIP · 80→8080/TCP · 0/0 endpoints ready',
      'Deployment/starter/api/Ingress/edge/shop.local/api  /api → api:80 · http://shop.local/api',
      'Deployment/starter/api/events  Events · 1 warning · last 3m ago',
      'Pod/starter/api-1  api-1 · Running · 1/1 · 0 restarts · 5m · node-1',
    ]);
    assert.deepEqual(children(model, 'Deployment/starter/api/events'), [
      'Deployment/starter/api/events/api-1.a  Unhealthy · ×3 · 3m ago · Pod api-1',
    ]);
    assert.equal(
      model.render(model.findNode('Deployment/starter/api/events')!, render).collapsible,
      'expanded',
      'open by itself when there are warnings',
    );
    // A Service selecting two workloads shows under both; a workload without Events has a closed, empty node.
    assert.ok(
      children(model, 'Deployment/starter/web').some((l) =>
        l.startsWith('Deployment/starter/web/Service/starter/backends '),
      ),
    );
    assert.equal(model.render(model.findNode('Deployment/starter/web/events')!, render).collapsible, 'none');
    model.dispose();
    cache.dispose();
  });

  it('puts what belongs to no workload in small folders, and the namespace row counts warnings', async () => {
    const { cache, model } = setup();
    await settled(model, cache);
    assert.deepEqual(
      model
        .children(model.findNode('Namespace/starter'))
        .map((n) => `${n.id}  ${model.render(n, render).label} · ${model.render(n, render).description ?? ''}`),
      [
        'Deployment/starter/api  api · Deployment · 1/1 ready',
        'Deployment/starter/web  web · Deployment · 1/1 ready',
        'Namespace/starter/folder/pods  Pods without a workload · 1',
        'Namespace/starter/folder/services  Services without pods · 1',
        'Namespace/starter/folder/routes  Other routes · 1',
      ],
    );
    assert.deepEqual(
      children(model, 'Namespace/starter/folder/services').map((l) => l.split('  ')[0]),
      ['Namespace/starter/folder/services/Service/starter/legacy'],
    );
    assert.deepEqual(
      children(model, 'Namespace/starter/folder/routes').map((l) => l.split('  ')[1]),
      ['/old → legacy:80 · http://shop.local/old'],
    );
    assert.deepEqual(
      children(model, 'Namespace/starter/folder/pods').map((l) => l.split('  ')[0]),
      ['Pod/starter/debug'],
    );
    assert.equal(
      model.render(model.findNode('Namespace/starter')!, render).description,
      'stack · 2/2 ready · 1 warning',
    );
    model.dispose();
    cache.dispose();
  });

  it('an Endpoints change redraws the Service rows that show it, and nothing else', async () => {
    const { cache, model, fired, transport } = setup();
    await settled(model, cache);
    fired.length = 0;
    transport.put('Endpoints', endpoints('api', 2));
    await until(() => fired.length > 0, 'a change event');
    assert.deepEqual(
      fired[0]?.map((n) => n.id),
      ['Deployment/starter/api/Service/starter/api'],
    );
    assert.match(model.render(fired[0][0]!, render).description ?? '', /2\/2 endpoints ready/);
    model.dispose();
    cache.dispose();
  });

  it("a new warning on a pod redraws its workload's Events node and the namespace count", async () => {
    const { cache, model, fired, transport } = setup();
    await settled(model, cache);
    fired.length = 0;
    transport.put('Event', warning('web-1.b', 'Pod', 'web-1', 'BackOff'));
    await until(() => fired.length > 0, 'a change event');
    // The namespace row's count changed: refreshing it redraws its subtree, the Events node with it.
    assert.deepEqual(
      fired[0]?.map((n) => n.id),
      ['Namespace/starter'],
    );
    assert.deepEqual(children(model, 'Deployment/starter/web/events'), [
      'Deployment/starter/web/events/web-1.b  BackOff · ×3 · 3m ago · Pod web-1',
    ]);
    assert.match(model.render(model.findNode('Namespace/starter')!, render).description ?? '', /2 warnings/);
    model.dispose();
    cache.dispose();
  });

  it('a repeated warning (count goes up) redraws only the Events node of its workload', async () => {
    const { cache, model, fired, transport } = setup();
    await settled(model, cache);
    fired.length = 0;
    transport.put('Event', { ...warning('api-1.a', 'Pod', 'api-1', 'Unhealthy'), count: 4 });
    await until(() => fired.length > 0, 'a change event');
    assert.deepEqual(
      fired[0]?.map((n) => n.id),
      ['Deployment/starter/api/events'],
    );
    assert.deepEqual(children(model, 'Deployment/starter/api/events'), [
      'Deployment/starter/api/events/api-1.a  Unhealthy · ×4 · 3m ago · Pod api-1',
    ]);
    model.dispose();
    cache.dispose();
  });

  it('ages refresh on a timer for visible rows only', async () => {
    const { cache, model } = setup();
    await settled(model, cache);
    const later = { t: plainLocalize, now: NOW + 10 * 60_000 };
    const stale = model.staleAges(later).map((n) => n.id);
    assert.ok(stale.includes('Pod/starter/api-1'), `the pod's age moved from 5m to 15m: ${stale.join(', ')}`);
    assert.ok(stale.includes('Deployment/starter/api/events'));
    assert.deepEqual(model.staleAges(render), [], 'nothing is stale at the time it was drawn');
    model.collapsed(model.findNode('Deployment/starter/api')!);
    assert.ok(
      !model
        .staleAges(later)
        .some((n) => n.id.startsWith('Pod/starter/api-1') || n.id.startsWith('Deployment/starter/api/')),
      'rows under a collapsed workload are not visible',
    );
    model.dispose();
    cache.dispose();
  });
});
