import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { openLiveSession } from '../../../src/kube/cache/connect';
import { LiveCluster } from '../../../src/kube/cache/liveCluster';
import { indexManifest } from '../../../src/kube/cache/manifestIndex';
import { runtimeFindings } from '../../../src/kube/cache/runtimeFindings';
import { createNamespace, mergedKubeconfig, post } from './simHelpers';
import { until } from '../../support/until';

const FAST = { minMs: 20, maxMs: 200 };
const render = { t: plainLocalize, now: Date.now() };

/** The stack's api Deployment as a workspace manifest: what runtime diagnostics map failures back onto. */
const API_MANIFEST = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'starter' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [
          {
            name: 'api',
            image: 'starter/api:1',
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            livenessProbe: { httpGet: { path: '/live', port: 8080 } },
          },
        ],
      },
    },
  },
};

function expandAll(model: ClusterTreeModel, node?: TreeNode): TreeNode[] {
  return model.children(node).flatMap((child) => {
    model.render(child, render);
    return [child, ...expandAll(model, child)];
  });
}

const describeNode = (model: ClusterTreeModel, id: string): string => {
  const node = model.findNode(id);
  return node ? (model.render(node, render).description ?? '') : '';
};

describe('cluster tree against the cluster simulator', () => {
  let first: ClusterSimulator;
  let second: ClusterSimulator;
  let live: LiveCluster;
  let model: ClusterTreeModel;
  const fired: string[][] = [];

  before(async () => {
    first = await startClusterSimulator({ port: 0, timeScale: 0.05 });
    second = await startClusterSimulator({ port: 0, timeScale: 0.05 });
    const kubeconfig = mergedKubeconfig(
      mkdtempSync(join(tmpdir(), 'tree-it-')),
      first.kubeconfigPath,
      second.kubeconfigPath,
    );
    live = new LiveCluster(
      (request) => openLiveSession(request, FAST),
      () => ({ file: kubeconfig }),
    );
    model = new ClusterTreeModel(live, () => 'starter');
    model.onDidChangeNodes((nodes) => fired.push(nodes?.map((n) => n.id) ?? ['*']));
    await live.connect();
    const client = live.session!.client;
    await createNamespace(client, 'starter');
    await post(client, '/apis/apps/v1/namespaces/starter/deployments', API_MANIFEST);
  });

  after(async () => {
    model.dispose();
    live.dispose();
    await Promise.all([first.close(), second.close()]);
  });

  it('shows the deployed workload with its pods and containers, live', async () => {
    await until(
      () => {
        expandAll(model);
        return /2\/2 ready/.test(describeNode(model, 'Deployment/starter/api'));
      },
      'the Deployment to be ready in the tree',
      10_000,
    );
    const pods = model.children(model.findNode('Deployment/starter/api')).filter((n) => n.id.startsWith('Pod/'));
    assert.equal(pods.length, 2);
    const container = model.children(pods[0]);
    assert.match(model.render(container[0]!, render).description ?? '', /^running · readiness ✓ · liveness ✓/);
    assert.match(describeNode(model, 'Namespace/starter'), /stack · 1\/1 ready/);
  });

  it('a failing readiness probe shows on the pod and container, and maps to the probe block of the manifest', async () => {
    const manifests = indexManifest('file:///ws/k8s/api.yaml', stringify(API_MANIFEST));
    const cache = live.session!.cache;
    assert.deepEqual(runtimeFindings(manifests, cache, 'starter'), []);
    fired.length = 0;
    first.faults.failProbe('starter', 'api', 'readiness');
    await until(
      () => runtimeFindings(manifests, cache, 'starter').some((f) => f.kind === 'readiness'),
      'the readiness finding',
      10_000,
    );
    const [finding] = runtimeFindings(manifests, cache, 'starter');
    const probeLine = stringify(API_MANIFEST)
      .split('\n')
      .findIndex((l) => l.includes('readinessProbe:'));
    assert.equal(finding?.range.start.line, probeLine);
    assert.match(finding?.message ?? '', /readiness probe failing \(httpGet \/ready :8080\)/);
    // The probe's Warning events also change the namespace row's warning count: refreshing that row redraws its pods too.
    assert.ok(
      fired.flat().some((id) => id.startsWith('Pod/starter/api-') || id === 'Namespace/starter'),
      'the pod nodes were refreshed',
    );
    assert.ok(!fired.flat().includes('*'), 'no whole-tree refresh for a pod status change');
    first.faults.clear();
    await until(() => runtimeFindings(manifests, cache, 'starter').length === 0, 'the finding to clear', 10_000);
  });

  it('switching context drops the old cluster and shows the new one', async () => {
    await createNamespace(live.session!.client, 'only-in-first');
    await live.connect('second');
    assert.equal(model.roots()[0]?.id, 'context:second');
    await until(
      () => {
        const names = model.children(model.roots()[0]).map((n) => n.id);
        return names.includes('Namespace/default') && !names.includes('Namespace/only-in-first');
      },
      "the second cluster's namespaces",
      5000,
    );
    assert.equal(model.findNode('Deployment/starter/api'), undefined);
  });
});
