import { silentLogger, type Logger } from '../util/log';
import type { ClusterClient } from './client';
import { groupOf, itemsOf, OWNER_NAMESPACE_LABEL, STACK_SELECTOR, type KubeObject, type ObjectRef } from './objects';
import { mapBounded } from './pool';
import { collectionPath, objectPath, type ResourceInfo } from './resources';
import { err, ok, type Result } from '../util/result';

interface Kind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly resource: ResourceInfo;
}

const kind = (apiVersion: string, k: string, plural: string, namespaced = true): Kind => ({
  apiVersion,
  kind: k,
  resource: { plural, namespaced },
});

/** What the stack creates, in deletion order: what points at workloads first, the cluster-scoped RBAC last. */
const DELETION_GROUPS: readonly (readonly Kind[])[] = [
  [
    kind('networking.k8s.io/v1', 'Ingress', 'ingresses'),
    kind('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  ],
  [
    kind('apps/v1', 'Deployment', 'deployments'),
    kind('apps/v1', 'StatefulSet', 'statefulsets'),
    kind('apps/v1', 'DaemonSet', 'daemonsets'),
    kind('batch/v1', 'Job', 'jobs'),
    kind('batch/v1', 'CronJob', 'cronjobs'),
  ],
  [
    kind('v1', 'Service', 'services'),
    kind('v1', 'ConfigMap', 'configmaps'),
    kind('v1', 'Secret', 'secrets'),
    kind('v1', 'ServiceAccount', 'serviceaccounts'),
    kind('rbac.authorization.k8s.io/v1', 'Role', 'roles'),
    kind('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings'),
  ],
  [
    kind('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
    kind('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false),
  ],
];
const PVCS = kind('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims');

/**
 * Cluster-scoped objects applied before they carried the owner label are still recognised by their
 * namespace-derived names, `<namespace>-prometheus` and `<namespace>-alloy`, and by nothing looser: a prefix match
 * would take `starter-x-prometheus` of namespace `starter-x` for one of `starter`. metrics-server's ClusterRoles keep
 * upstream's names and no owner: shared by every stack in the cluster, `delete` leaves them.
 */
export const LEGACY_CLUSTER_NAME_SUFFIXES: readonly string[] = ['-prometheus', '-alloy'];

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

export interface DeleteTarget {
  readonly ref: ObjectRef;
  readonly path: string;
  readonly kind: Kind;
}

/** What `delete` would remove, listed before anything is touched, so it can be shown and confirmed. */
export interface DeletePlan {
  readonly namespace: string;
  /** In deletion order; a group is deleted once the one before it is done. */
  readonly groups: readonly (readonly DeleteTarget[])[];
  readonly listFailures: readonly string[];
}

export function planTargets(plan: DeletePlan): DeleteTarget[] {
  return plan.groups.flat();
}

/** How many objects of each kind the plan deletes, in deletion order: `[['Deployment', 6], …]`. */
export function countsByKind(plan: DeletePlan): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const t of planTargets(plan)) counts.set(t.ref.kind, (counts.get(t.ref.kind) ?? 0) + 1);
  return [...counts];
}

/**
 * Lists what belongs to the stack in the namespace: its labelled objects there, and the cluster-scoped objects whose
 * owner label names that namespace. Fails (the message says why) when the cluster cannot be reached or the
 * credentials are refused, so that is said before anything else.
 */
export async function planDelete(
  client: ClusterClient,
  options: Pick<DeleteOptions, 'namespace' | 'includePvcs'>,
): Promise<Result<DeletePlan, string>> {
  const kinds = options.includePvcs ? DELETION_GROUPS.map((g, i) => (i === 2 ? [...g, PVCS] : g)) : DELETION_GROUPS;
  const groups: DeleteTarget[][] = [];
  const listFailures: string[] = [];
  for (const group of kinds) {
    const found = await Promise.all(group.map((k) => listStackObjects(client, k, options.namespace)));
    const fatal = found.find((f) => !f.ok && f.fatal);
    if (fatal && !fatal.ok) return err(fatal.message);
    for (const f of found) if (!f.ok) listFailures.push(f.message);
    groups.push(found.flatMap((f) => (f.ok ? f.objects : [])));
  }
  return ok({ namespace: options.namespace, groups, listFailures });
}

/** Deletes what a plan lists, group by group; stops (the rest reported skipped) on a fatal error or the signal. */
export async function executeDelete(
  client: ClusterClient,
  plan: DeletePlan,
  options: Omit<DeleteOptions, 'namespace' | 'includePvcs'> = {},
): Promise<DeleteReport> {
  const results: DeleteResult[] = [];
  let stop: string | undefined;
  for (const targets of plan.groups) {
    const deleted = await mapBounded<DeleteTarget, DeleteAttempt>(
      targets,
      options.concurrency ?? 8,
      (t) => deleteOne(client, t),
      {
        shouldStop: () => (stop ??= options.signal?.aborted ? 'cancelled' : undefined) !== undefined,
        skipped: (t) => ({ ref: t.ref, status: 'skipped', message: `not deleted: ${stop ?? 'cancelled'}` }),
      },
    );
    for (const r of deleted) {
      if (r.status === 'failed' && r.fatal) stop ??= r.message;
      const { fatal: _fatal, ...result } = r;
      options.onProgress?.(result);
      (options.logger ?? silentLogger).trace(`delete ${r.ref.kind} ${r.ref.name}: ${r.status}`);
      results.push(result);
    }
  }
  return { results, listFailures: plan.listFailures, interrupted: stop };
}

/** Plans and deletes at once (no confirmation): the stack's objects in the namespace and its own cluster-scoped RBAC. */
export async function deleteStack(client: ClusterClient, options: DeleteOptions): Promise<DeleteReport> {
  const plan = await planDelete(client, options);
  if (!plan.ok) return { results: [], listFailures: [], interrupted: plan.error };
  return executeDelete(client, plan.value, options);
}

type Listed = { ok: true; objects: DeleteTarget[] } | { ok: false; fatal: boolean; message: string };

async function list(
  client: ClusterClient,
  k: Kind,
  ns: string | undefined,
  labelSelector: string,
): Promise<Result<KubeObject[], { fatal: boolean; message: string }>> {
  const path = collectionPath(k.apiVersion, k.resource, ns);
  const answer = await client.send(
    { method: 'GET', path, query: { labelSelector } },
    { verb: 'list', plural: k.resource.plural, group: groupOf(k.apiVersion), namespace: ns },
  );
  if (answer.ok) return ok(itemsOf(answer.value.body));
  if (answer.error.kind === 'notFound') return ok([]);
  return err({ fatal: answer.error.fatal, message: answer.error.message });
}

async function listStackObjects(client: ClusterClient, k: Kind, namespace: string): Promise<Listed> {
  const ns = k.resource.namespaced ? namespace : undefined;
  const found: KubeObject[] = [];
  if (ns !== undefined) {
    const listed = await list(client, k, ns, STACK_SELECTOR);
    if (!listed.ok) return { ok: false, ...listed.error };
    found.push(...listed.value);
  } else {
    const owned = await list(client, k, undefined, `${STACK_SELECTOR},${OWNER_NAMESPACE_LABEL}=${namespace}`);
    if (!owned.ok) return { ok: false, ...owned.error };
    const unowned = await list(client, k, undefined, `${STACK_SELECTOR},!${OWNER_NAMESPACE_LABEL}`);
    if (!unowned.ok) return { ok: false, ...unowned.error };
    const legacyNames = new Set(LEGACY_CLUSTER_NAME_SUFFIXES.map((suffix) => namespace + suffix));
    found.push(...owned.value, ...unowned.value.filter((item) => legacyNames.has(item.metadata.name)));
  }
  return {
    ok: true,
    objects: found.map((item) => ({
      ref: {
        apiVersion: k.apiVersion,
        kind: k.kind,
        name: item.metadata.name,
        ...(ns === undefined ? {} : { namespace: ns }),
      },
      path: objectPath(k.apiVersion, k.resource, item.metadata.name, ns),
      kind: k,
    })),
  };
}

/** One delete's result; `fatal`: every further request would fail the same way (the server went away). */
type DeleteAttempt = DeleteResult & { readonly fatal?: boolean };

async function deleteOne(client: ClusterClient, target: DeleteTarget): Promise<DeleteAttempt> {
  const description = {
    verb: 'delete',
    plural: target.kind.resource.plural,
    group: groupOf(target.kind.apiVersion),
    namespace: target.ref.namespace,
    name: target.ref.name,
  };
  const answer = await client.send(
    {
      method: 'DELETE',
      path: target.path,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    },
    description,
  );
  if (answer.ok) return { ref: target.ref, status: 'deleted' };
  if (answer.error.kind === 'notFound') return { ref: target.ref, status: 'not-found' };
  return { ref: target.ref, status: 'failed', message: answer.error.message, fatal: answer.error.fatal };
}
