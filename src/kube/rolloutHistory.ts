import { err, ok, type Result } from '../util/result';
import type { ClusterClient } from './client';
import type { ApiFailure } from './failures';
import { FIELD_MANAGER, isRecord, itemsOf, type KubeObject } from './objects';
import { collectionPath, objectPath, type ResourceInfo } from './resources';

// A Deployment's rollout history is its ReplicaSets: each carries the revision number the Deployment controller
// gave it. Undo is what `kubectl rollout undo` does (kubectl/pkg/polymorphichelpers/rollback.go): the revision's
// pod template, without pod-template-hash, and its annotations are written back to the Deployment.

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const POD_TEMPLATE_HASH = 'pod-template-hash';
/** Deployment annotations that belong to the Deployment, not to a revision (kubectl's annotationsToSkip). */
const NOT_FROM_REVISION = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const DEPLOYMENTS: ResourceInfo = { plural: 'deployments', namespaced: true };
const REPLICA_SETS: ResourceInfo = { plural: 'replicasets', namespaced: true };

export interface DeploymentTarget {
  readonly namespace: string;
  readonly name: string;
}

/** One revision of a Deployment, from its ReplicaSet. */
export interface Revision {
  readonly revision: number;
  readonly replicaSet: string;
  readonly images: readonly string[];
  /** Container name → image, in template order. */
  readonly containers: readonly { readonly name: string; readonly image: string }[];
  readonly changeCause?: string;
  /** The ReplicaSet's creationTimestamp (ISO). */
  readonly created?: string;
  /** Its pod template is the Deployment's: the revision that runs (or is rolling out) now. */
  readonly current: boolean;
  readonly replicas: number;
  readonly readyReplicas: number;
}

export interface RolloutHistory {
  readonly deployment: KubeObject;
  /** Oldest first, as `kubectl rollout history` lists them. */
  readonly revisions: readonly Revision[];
  /** The ReplicaSets' pod templates by revision number, for undo. */
  readonly templates: ReadonlyMap<number, { template: Record<string, unknown>; annotations: Record<string, string> }>;
}

const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const recs = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Reads the Deployment and the ReplicaSets it controls. */
export async function rolloutHistory(
  client: ClusterClient,
  target: DeploymentTarget,
): Promise<Result<RolloutHistory, ApiFailure>> {
  const describe = (plural: string, name?: string) => ({
    verb: name ? 'get' : 'list',
    plural,
    group: 'apps',
    namespace: target.namespace,
    name,
  });
  const got = await client.send(
    { method: 'GET', path: objectPath('apps/v1', DEPLOYMENTS, target.name, target.namespace) },
    describe('deployments', target.name),
  );
  if (!got.ok) return got;
  const deployment = got.value.body as KubeObject;
  const matchLabels = rec(rec(rec(deployment.spec).selector).matchLabels);
  const labelSelector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
  const listed = await client.send(
    {
      method: 'GET',
      path: collectionPath('apps/v1', REPLICA_SETS, target.namespace),
      query: labelSelector ? { labelSelector } : {},
    },
    describe('replicasets'),
  );
  if (!listed.ok) return listed;
  const uid = deployment.metadata.uid;
  const owned = itemsOf(listed.value.body).filter((rs) =>
    recs(rs.metadata.ownerReferences).some((o) => o.controller === true && o.uid === uid),
  );
  const currentTemplate = JSON.stringify(canonical(rec(deployment.spec).template));
  const templates = new Map<number, { template: Record<string, unknown>; annotations: Record<string, string> }>();
  const revisions = owned.map((rs): Revision => {
    const revision = Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
    const template = withoutHash(rec(rec(rs.spec).template));
    templates.set(revision, { template, annotations: rs.metadata.annotations ?? {} });
    const status = rec(rs.status);
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    return {
      revision,
      replicaSet: rs.metadata.name,
      images: imagesOf(template),
      containers: recs(rec(template.spec).containers).map((c) => ({
        name: typeof c.name === 'string' ? c.name : '',
        image: typeof c.image === 'string' ? c.image : '',
      })),
      ...(changeCause ? { changeCause } : {}),
      ...(typeof rs.metadata.creationTimestamp === 'string' ? { created: rs.metadata.creationTimestamp } : {}),
      current: JSON.stringify(canonical(template)) === currentTemplate,
      replicas: typeof rec(rs.spec).replicas === 'number' ? (rec(rs.spec).replicas as number) : 0,
      readyReplicas: typeof status.readyReplicas === 'number' ? status.readyReplicas : 0,
    };
  });
  return ok({ deployment, revisions: revisions.sort((a, b) => a.revision - b.revision), templates });
}

export interface UndoResult {
  /** The revision whose template the Deployment now has. */
  readonly toRevision: number;
  /** Images before and after, for the user to see what changed. */
  readonly fromImages: readonly string[];
  readonly toImages: readonly string[];
  /** The Deployment already had that template: nothing was sent. */
  readonly skipped: boolean;
}

/** `kubectl rollout undo [--to-revision N]`: 0 (or absent) means the revision before the newest. */
export async function undoRollout(
  client: ClusterClient,
  target: DeploymentTarget,
  toRevision = 0,
): Promise<Result<UndoResult, ApiFailure>> {
  const history = await rolloutHistory(client, target);
  if (!history.ok) return history;
  const { deployment, revisions, templates } = history.value;
  const failure = (message: string): Result<never, ApiFailure> => err({ kind: 'invalid', fatal: false, message });
  if (rec(deployment.spec).paused === true)
    return failure(`deployment ${target.name} is paused; resume it first (kubectl rollout resume) and try again`);
  const numbers = revisions.map((r) => r.revision);
  if (toRevision === 0 && numbers.length <= 1)
    return failure(`deployment ${target.name} has no previous revision to roll back to`);
  const wanted = toRevision === 0 ? numbers[numbers.length - 2]! : toRevision;
  const chosen = templates.get(wanted);
  if (!chosen)
    return failure(`deployment ${target.name} has no revision ${wanted} (revisions: ${numbers.join(', ') || 'none'})`);
  const fromImages = imagesOf(rec(rec(deployment.spec).template));
  const toImages = imagesOf(chosen.template);
  if (JSON.stringify(canonical(chosen.template)) === JSON.stringify(canonical(rec(deployment.spec).template))) {
    return ok({ toRevision: wanted, fromImages, toImages, skipped: true });
  }
  const patch = [
    { op: 'replace', path: '/spec/template', value: chosen.template },
    { op: 'replace', path: '/metadata/annotations', value: rollbackAnnotations(deployment, chosen.annotations) },
  ];
  const answer = await client.send(
    {
      method: 'PATCH',
      path: objectPath('apps/v1', DEPLOYMENTS, target.name, target.namespace),
      body: patch,
      contentType: 'application/json-patch+json',
      query: { fieldManager: FIELD_MANAGER },
    },
    { verb: 'patch', plural: 'deployments', group: 'apps', namespace: target.namespace, name: target.name },
  );
  return answer.ok ? ok({ toRevision: wanted, fromImages, toImages, skipped: false }) : answer;
}

/** The Deployment keeps its own bookkeeping annotations and takes every other one from the revision. */
function rollbackAnnotations(deployment: KubeObject, revision: Record<string, string>): Record<string, string> {
  const own = Object.entries(deployment.metadata.annotations ?? {}).filter(([k]) => NOT_FROM_REVISION.has(k));
  const fromRevision = Object.entries(revision).filter(([k]) => !NOT_FROM_REVISION.has(k));
  return Object.fromEntries([...own, ...fromRevision]);
}

function imagesOf(template: Record<string, unknown>): string[] {
  return recs(rec(template.spec).containers).map((c) => (typeof c.image === 'string' ? c.image : ''));
}

function withoutHash(template: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(template);
  const metadata = rec(copy.metadata);
  const labels = rec(metadata.labels);
  delete labels[POD_TEMPLATE_HASH];
  return copy;
}

/** JSON with sorted keys, so two templates compare equal whatever order their fields came in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical(value[k])]),
  );
}
