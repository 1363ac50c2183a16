import { silentLogger, type Logger } from '../util/log';
import type { ClusterClient } from './client';
import { groupOf, itemsOf, STACK_SELECTOR, type ObjectRef } from './objects';
import { mapBounded } from './pool';
import { collectionPath, objectPath, type ResourceInfo } from './resources';

interface Kind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly resource: ResourceInfo;
}

const kind = (apiVersion: string, k: string, plural: string, namespaced = true): Kind => ({ apiVersion, kind: k, resource: { plural, namespaced } });

/** What the stack creates, in deletion order: what points at workloads first, the cluster-scoped RBAC last. */
const DELETION_GROUPS: readonly (readonly Kind[])[] = [
  [kind('networking.k8s.io/v1', 'Ingress', 'ingresses'), kind('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers')],
  [kind('apps/v1', 'Deployment', 'deployments'), kind('apps/v1', 'StatefulSet', 'statefulsets'), kind('apps/v1', 'DaemonSet', 'daemonsets'), kind('batch/v1', 'Job', 'jobs'), kind('batch/v1', 'CronJob', 'cronjobs')],
  [kind('v1', 'Service', 'services'), kind('v1', 'ConfigMap', 'configmaps'), kind('v1', 'Secret', 'secrets'), kind('v1', 'ServiceAccount', 'serviceaccounts'), kind('rbac.authorization.k8s.io/v1', 'Role', 'roles'), kind('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings')],
  [kind('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false), kind('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false)],
];
const PVCS = kind('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims');

export interface DeleteOptions {
  readonly namespace: string;
  /** PersistentVolumeClaims hold the databases' data: deleted only when asked. */
  readonly includePvcs?: boolean;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (result: DeleteResult) => void;
  readonly logger?: Logger;
}

export interface DeleteResult {
  readonly ref: ObjectRef;
  readonly status: 'deleted' | 'not-found' | 'failed' | 'skipped';
  readonly message?: string;
}

export interface DeleteReport {
  readonly results: readonly DeleteResult[];
  /** Kinds that could not be listed (forbidden, not served): what may be left behind. */
  readonly listFailures: readonly string[];
  readonly interrupted?: string;
}

/** Deletes the objects labelled `app.kubernetes.io/part-of=starter-stack` in the namespace, and the stack's cluster-scoped RBAC. */
export async function deleteStack(client: ClusterClient, options: DeleteOptions): Promise<DeleteReport> {
  const groups = options.includePvcs ? DELETION_GROUPS.map((g, i) => (i === 2 ? [...g, PVCS] : g)) : DELETION_GROUPS;
  const results: DeleteResult[] = [];
  const listFailures: string[] = [];
  let stop: string | undefined;
  for (const group of groups) {
    if (stop !== undefined) break;
    const found = await Promise.all(group.map((k) => listStackObjects(client, k, options.namespace)));
    for (const f of found) {
      if (f.ok) continue;
      if (f.fatal) stop ??= f.message;
      else listFailures.push(f.message);
    }
    const targets = found.flatMap((f) => (f.ok ? f.objects : []));
    const deleted = await mapBounded<Target, DeleteResult>(targets, options.concurrency ?? 8, (t) => deleteOne(client, t), {
      shouldStop: () => (stop ??= options.signal?.aborted ? 'cancelled' : undefined) !== undefined,
      skipped: (t) => ({ ref: t.ref, status: 'skipped', message: `not deleted: ${stop ?? 'cancelled'}` }),
    });
    for (const r of deleted) {
      options.onProgress?.(r);
      (options.logger ?? silentLogger).trace(`delete ${r.ref.kind} ${r.ref.name}: ${r.status}`);
    }
    results.push(...deleted);
  }
  return { results, listFailures, interrupted: stop };
}

interface Target {
  readonly ref: ObjectRef;
  readonly path: string;
  readonly kind: Kind;
}

type Listed = { ok: true; objects: Target[] } | { ok: false; fatal: boolean; message: string };

async function listStackObjects(client: ClusterClient, k: Kind, namespace: string): Promise<Listed> {
  const ns = k.resource.namespaced ? namespace : undefined;
  const path = collectionPath(k.apiVersion, k.resource, ns);
  const answer = await client.send({ method: 'GET', path, query: { labelSelector: STACK_SELECTOR } }, { verb: 'list', plural: k.resource.plural, group: groupOf(k.apiVersion), namespace: ns });
  if (!answer.ok) {
    if (answer.error.kind === 'notFound') return { ok: true, objects: [] };
    return { ok: false, fatal: answer.error.fatal, message: answer.error.message };
  }
  const items = itemsOf(answer.value.body);
  return {
    ok: true,
    objects: items.map((item) => ({
      ref: { apiVersion: k.apiVersion, kind: k.kind, name: item.metadata.name, ...(ns === undefined ? {} : { namespace: ns }) },
      path: objectPath(k.apiVersion, k.resource, item.metadata.name, ns),
      kind: k,
    })),
  };
}

async function deleteOne(client: ClusterClient, target: Target): Promise<DeleteResult> {
  const description = { verb: 'delete', plural: target.kind.resource.plural, group: groupOf(target.kind.apiVersion), namespace: target.ref.namespace, name: target.ref.name };
  const answer = await client.send({ method: 'DELETE', path: target.path, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } }, description);
  if (answer.ok) return { ref: target.ref, status: 'deleted' };
  if (answer.error.kind === 'notFound') return { ref: target.ref, status: 'not-found' };
  return { ref: target.ref, status: 'failed', message: answer.error.message };
}
