import { classifyApplied, type ObjectResult } from './applyResult';
import { describeObjectRequest, type ClusterClient } from './client';
import { objectDiff } from './diff';
import { detectDrift } from './drift';
import type { ApiFailure } from './failures';
import type { LiveIndex } from './liveState';
import type { ManifestEntry } from './manifests';
import { FIELD_MANAGER, formatRef, refOf, type KubeObject, type ObjectRef } from './objects';
import { objectPath, type ResourceInfo } from './resources';

export interface ApplyObjectOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
  /** Dry run: namespaces this run would create. The server cannot dry-run objects inside them (404), so they are shown as they would be created. */
  readonly pendingNamespaces?: ReadonlySet<string>;
  readonly signal?: AbortSignal;
}

/** An entry ready to send: the object with its namespace settled, and how the API serves its kind. */
export interface PreparedEntry {
  readonly entry: ManifestEntry;
  readonly object: KubeObject;
  readonly resource: ResourceInfo;
  readonly wave: number;
}

/** Sets the namespace of a namespaced object (the override, else its own, else the default); drops it from cluster-scoped ones. */
export function placeObject(
  object: KubeObject,
  resource: ResourceInfo,
  namespace: string,
  override: boolean,
): KubeObject {
  const metadata = { ...object.metadata };
  if (!resource.namespaced) delete metadata.namespace;
  else if (override || metadata.namespace === undefined || metadata.namespace === '') metadata.namespace = namespace;
  return { ...object, metadata };
}

/** Server-side applies one object and classifies the outcome. Never throws for API failures. */
export async function applyObject(
  client: ClusterClient,
  live: LiveIndex,
  prepared: PreparedEntry,
  options: ApplyObjectOptions,
): Promise<{ result: ObjectResult; fatal?: ApiFailure }> {
  const { object, resource, entry, wave } = prepared;
  const base = { ref: refOf(object), file: entry.file, line: entry.line, wave };
  const prior = await live.prior(object, resource);
  if (options.signal?.aborted) return { result: { ...base, status: 'skipped', message: 'not applied: cancelled' } };
  const answer = await client.send(
    {
      method: 'PATCH',
      path: objectPath(object.apiVersion, resource, object.metadata.name, object.metadata.namespace),
      query: {
        fieldManager: FIELD_MANAGER,
        fieldValidation: 'Strict',
        force: options.force || undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      body: object,
      contentType: 'application/apply-patch+yaml',
      signal: options.signal,
    },
    describeObjectRequest('patch', object, resource),
  );
  if (!answer.ok) {
    if (wouldBeCreated(object, answer.error, options))
      return {
        result: {
          ...base,
          status: 'created',
          message: `not checked by the server: namespace ${object.metadata.namespace} does not exist yet`,
          diff: objectDiff(undefined, object, diffLabel(base.ref)),
        },
      };
    const failed = failedResult(base, entry, answer.error);
    const drift = options.dryRun && prior.known && prior.live ? detectDrift(object, prior.live) : [];
    return {
      result: drift.length > 0 ? { ...failed, drift } : failed,
      fatal: answer.error.fatal ? answer.error : undefined,
    };
  }
  const applied = answer.value.body as KubeObject;
  const status = classifyApplied(answer.value.status, prior, applied, options.dryRun);
  if (!options.dryRun) return { result: { ...base, status } };
  const diff = objectDiff(prior.known ? prior.live : undefined, applied, diffLabel(base.ref));
  const drift = prior.known && prior.live ? detectDrift(object, prior.live) : [];
  return { result: { ...base, status, diff, ...(drift.length > 0 ? { drift } : {}) } };
}

const diffLabel = (ref: ObjectRef): string => formatRef(ref).replace(' ', '/');

function wouldBeCreated(object: KubeObject, failure: ApiFailure, options: ApplyObjectOptions): boolean {
  const namespace = object.metadata.namespace;
  return (
    options.dryRun &&
    failure.kind === 'notFound' &&
    namespace !== undefined &&
    (options.pendingNamespaces?.has(namespace) ?? false)
  );
}

function failedResult(base: Omit<ObjectResult, 'status'>, entry: ManifestEntry, failure: ApiFailure): ObjectResult {
  if (failure.outcomeUnknown)
    return { ...base, status: 'unknown', message: `unknown: re-run to converge (${failure.message})` };
  if (failure.kind === 'cancelled') return { ...base, status: 'skipped', message: 'not applied: cancelled' };
  if (failure.kind === 'conflict')
    return { ...base, status: 'conflict', message: failure.message, conflicts: failure.conflicts };
  if (failure.kind !== 'invalid') return { ...base, status: 'failed', message: failure.message };
  const line = failure.fields?.map((f) => entry.lineOf?.(f)).find((l) => l !== undefined) ?? entry.line;
  return { ...base, status: 'failed', message: `${entry.file}:${line}: ${failure.message}` };
}
