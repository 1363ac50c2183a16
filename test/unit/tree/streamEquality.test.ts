// The model kept up to date by a stream of watch events must show exactly what a model built from scratch shows:
// what the incremental paths cache (pod groups, relations, per-pod Events, node indexes) may never go stale.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { ClusterCache } from '../../../src/kube/cache/clusterCache';
import { NAMESPACED_KINDS } from '../../../src/kube/cache/kinds';
import { FakeTransport, pod, type Body } from '../../support/fakeTransport';
import { openTreeSource } from '../../support/treeSource';
import { until } from '../../support/until';

const render = { t: plainLocalize, now: Date.parse('2026-01-01T00:05:00Z') };
const NAMESPACES = ['starter', 'team-a', 'team-b'];

const deployment = (namespace: string, name: string, ready = 1): Body => ({
  metadata: { name, namespace, generation: 1 },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } } } },
  status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: ready, availableReplicas: ready },
});
const service = (namespace: string, name: string, app: string): Body => ({
  metadata: { name, namespace },
  spec: { selector: { app }, ports: [{ port: 80 }] },
});
const endpoints = (namespace: string, name: string, ready: number): Body => ({
  metadata: { name, namespace },
  subsets: [{ addresses: Array.from({ length: ready }, (_, i) => ({ ip: `10.0.0.${i + 1}` })) }],
});
const warning = (namespace: string, name: string, object: string, count: number): Body => ({
  metadata: { name, namespace },
  type: 'Warning',
  reason: 'Unhealthy',
  message: `Readiness probe failed on ${object}`,
  count,
  lastTimestamp: '2026-01-01T00:02:00Z',
  involvedObject: { kind: 'Pod', name: object, namespace },
});
const notReady = (namespace: string, name: string, labels: Record<string, string>): Body =>
  pod(
    namespace,
    name,
    {
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'app', ready: false, restartCount: 2, state: { running: {} } }],
      },
    },
    labels,
  );

function seed(transport: FakeTransport): void {
  for (const ns of NAMESPACES) {
    transport.put('Namespace', { metadata: { name: ns } }, false);
    transport.put('Deployment', deployment(ns, 'api'), false);
    transport.put('Deployment', deployment(ns, 'web'), false);
    for (let i = 0; i < 3; i++) transport.put('Pod', pod(ns, `api-${i}`, {}, { app: 'api' }), false);
    transport.put('Pod', pod(ns, 'web-0', {}, { app: 'web' }), false);
    transport.put('Pod', pod(ns, 'debug', {}, { run: 'debug' }), false);
    transport.put('Service', service(ns, 'api', 'api'), false);
    transport.put('Endpoints', endpoints(ns, 'api', 2), false);
    transport.put('Service', service(ns, 'orphan', 'nothing'), false);
    transport.put('Event', warning(ns, 'api-0.1', 'api-0', 1), false);
  }
}

/** Every change a busy cluster sends: status flips, pods coming and going, Events, Services, a workload removed. */
const STREAM: ReadonlyArray<(transport: FakeTransport) => void> = [
  (t) => t.put('Pod', notReady('starter', 'api-1', { app: 'api' })),
  (t) => t.put('Event', warning('starter', 'api-1.1', 'api-1', 1)),
  (t) => t.put('Event', warning('starter', 'api-1.1', 'api-1', 4)),
  (t) => t.put('Pod', pod('team-a', 'api-9', {}, { app: 'api' })),
  (t) => t.remove('Pod', 'team-a', 'api-0'),
  (t) => t.put('Event', warning('team-a', 'web-0.1', 'web-0', 2)),
  (t) => t.put('Endpoints', endpoints('team-a', 'api', 0)),
  (t) => t.put('Service', service('team-b', 'web', 'web')),
  (t) => t.remove('Service', 'team-b', 'orphan'),
  (t) => t.put('Deployment', deployment('team-b', 'api', 0)),
  (t) => t.remove('Deployment', 'team-b', 'web'),
  (t) => t.put('Pod', pod('team-b', 'debug-2', {}, { run: 'debug' })),
  (t) => t.remove('Event', 'team-b', 'api-0.1'),
  (t) => t.put('Namespace', { metadata: { name: 'team-c' } }),
  (t) => t.put('Pod', notReady('starter', 'debug', { run: 'debug' })),
];

/** Each change in its own cache batch: the model must handle every one alone. */
async function stream(transport: FakeTransport): Promise<void> {
  for (const change of STREAM) {
    change(transport);
    await new Promise((r) => setImmediate(r));
  }
}

function open(transport: FakeTransport) {
  const cache = new ClusterCache(transport, { minMs: 5, maxMs: 20 });
  const model = new ClusterTreeModel(openTreeSource(cache, transport), () => 'starter');
  cache.start();
  return { cache, model };
}

async function synced(cache: ClusterCache): Promise<void> {
  await until(() => cache.status('Namespace')?.state === 'synced', 'the Namespace watch to sync');
  for (const ns of cache.list('Namespace')) cache.openNamespace(ns.metadata.name);
  await until(
    () =>
      cache
        .list('Namespace')
        .every((ns) => NAMESPACED_KINDS.every((k) => cache.status(k, ns.metadata.name)?.state === 'synced')),
    'every watch to sync',
  );
  await new Promise((r) => setImmediate(r));
}

/**
 * What an open VS Code view shows: every row rendered and every row expanded. On a change event it asks again
 * for the rows the model named (or all), and for their subtrees; rows the model did not name keep what they showed.
 */
class OpenView {
  private readonly shown = new Map<string, { line: string; children: string[] }>();

  constructor(private readonly model: ClusterTreeModel) {
    model.onDidChangeNodes((nodes) => (nodes ? nodes.forEach((n) => this.paint(n)) : this.paint(undefined)));
    this.paint(undefined);
  }

  private paint(node: TreeNode | undefined): void {
    const kids = this.model.children(node);
    const line = node ? this.line(node) : 'root';
    this.shown.set(node?.id ?? 'root', { line, children: kids.map((k) => k.id) });
    for (const kid of kids) this.paint(kid);
  }

  private line(node: TreeNode): string {
    const spec = this.model.render(node, render);
    return `${node.id}  ${spec.label} · ${spec.description ?? ''} · ${spec.collapsible} · ${spec.contextValue}`;
  }

  lines(id = 'root', depth = 0): string[] {
    const row = this.shown.get(id);
    if (!row) return [`${'  '.repeat(depth)}(missing ${id})`];
    return [`${'  '.repeat(depth)}${row.line}`, ...row.children.flatMap((c) => this.lines(c, depth + 1))];
  }
}

describe('ClusterTreeModel: incremental updates', () => {
  it('after a stream of watch events, the open view shows exactly what a model built from scratch shows', async () => {
    const transport = new FakeTransport();
    seed(transport);
    const live = open(transport);
    await synced(live.cache);
    const view = new OpenView(live.model);
    const before = view.lines();
    await stream(transport);
    await synced(live.cache);
    await new Promise((r) => setImmediate(r));

    const fresh = open(transport);
    await synced(fresh.cache);
    const expected = new OpenView(fresh.model).lines();
    assert.notDeepEqual(expected, before, 'the stream changed what the tree shows');
    assert.deepEqual(view.lines(), expected);
    for (const { cache, model } of [live, fresh]) {
      model.dispose();
      cache.dispose();
    }
  });
});
