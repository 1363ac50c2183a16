// Helpers for the tree's integration tests: objects written through the simulator's API, like any client would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import type { ClusterClient } from '../../../src/kube/client';
import type { KubeObject } from '../../../src/kube/objects';

export async function post(client: ClusterClient, path: string, body: unknown): Promise<KubeObject> {
  const answer = await client.send(
    { method: 'POST', path, body },
    { verb: 'create', plural: path.split('/').pop() ?? '', group: '' },
  );
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.body as KubeObject;
}

export async function patchStatus(client: ClusterClient, path: string, status: unknown): Promise<void> {
  const answer = await client.send(
    { method: 'PATCH', path: `${path}/status`, body: { status }, contentType: 'application/merge-patch+json' },
    { verb: 'patch', plural: 'pods', group: '' },
  );
  if (!answer.ok) throw new Error(answer.error.message);
}

export async function createNamespace(client: ClusterClient, name: string): Promise<void> {
  await post(client, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

export const runningStatus = (ready = true) => ({
  phase: 'Running',
  podIP: '10.244.1.7',
  conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  containerStatuses: [
    {
      name: 'app',
      image: 'starter/api:1',
      imageID: 'sim://starter/api@sha256:1',
      ready,
      restartCount: 0,
      state: { running: { startedAt: '2026-01-01T00:00:05Z' } },
    },
  ],
});

/** A bare pod as a ReplicaSet of Deployment `deployment` would own it (name, labels, owner reference). */
export function deploymentPod(
  namespace: string,
  deployment: string,
  index: number,
  uid = '00000000-0000-0000-0000-000000000001',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${deployment}-5d8f7-${index}`,
      namespace,
      labels: { app: deployment, 'pod-template-hash': '5d8f7' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${deployment}-5d8f7`, uid, controller: true },
      ],
    },
    spec: {
      nodeName: 'sim-node-1',
      containers: [
        {
          name: 'app',
          image: 'starter/api:1',
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          livenessProbe: { tcpSocket: { port: 8080 } },
        },
      ],
    },
    status: runningStatus(),
  };
}

export function deployment(namespace: string, name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'app', image: 'starter/api:1', readinessProbe: { httpGet: { path: '/ready', port: 8080 } } },
          ],
        },
      },
    },
  };
}

/** One kubeconfig with both simulators as contexts `first` and `second` (each simulator names its own `starter-sim`). */
export function mergedKubeconfig(dir: string, first: string, second: string): string {
  const rename = (file: string, name: string) => {
    const config = YAML.parse(readFileSync(file, 'utf8')) as {
      clusters: { name: string }[];
      users: { name: string }[];
      contexts: { name: string; context: { cluster: string; user: string } }[];
    };
    return {
      clusters: config.clusters.map((c) => ({ ...c, name })),
      users: config.users.map((u) => ({ ...u, name })),
      contexts: config.contexts.map((c) => ({ ...c, name, context: { ...c.context, cluster: name, user: name } })),
    };
  };
  const a = rename(first, 'first');
  const b = rename(second, 'second');
  const merged = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [...a.clusters, ...b.clusters],
    users: [...a.users, ...b.users],
    contexts: [...a.contexts, ...b.contexts],
    'current-context': 'first',
  };
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, YAML.stringify(merged), { mode: 0o600 });
  return path;
}
