import { setNamespace } from '../stack/transform';
import { silentLogger, type Logger } from '../util/log';
import { yamlLib } from '../util/yamlLib';
import { applyObject, placeObject, type PreparedEntry } from './applyObject';
import { outcomeCounts, outcomeText, type ApplyProgress, type ApplyReport, type ObjectResult } from './applyResult';
import type { ClusterClient } from './client';
import { LiveIndex } from './liveState';
import type { ManifestEntry } from './manifests';
import { formatRef, refOf, type KubeObject } from './objects';
import { mapBounded } from './pool';
import { builtInResource } from './resources';
import { groupIntoWaves, WAVE_NAMES } from './waves';

export interface ApplyOptions {
  /** Namespace for namespaced objects that name none (or for all of them with `overrideNamespace`). */
  readonly namespace: string;
  readonly overrideNamespace?: boolean;
  readonly dryRun?: boolean;
  /** Take over fields another field manager owns. Only when the user asks. */
  readonly force?: boolean;
  /** Requests in flight within a wave. */
  readonly concurrency?: number;
  /** Passed to every request: what is in flight is aborted (its outcome reported as unknown), the rest as not applied. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApplyProgress) => void;
  readonly logger?: Logger;
}

const DEFAULT_CONCURRENCY = 8;

/** Server-side applies the manifests in dependency waves, in parallel within a wave; one result per object. */
export async function applyInWaves(
  client: ClusterClient,
  entries: readonly ManifestEntry[],
  options: ApplyOptions,
): Promise<ApplyReport> {
  const logger = options.logger ?? silentLogger;
  const live = new LiveIndex(client, options.signal);
  const placed = options.overrideNamespace ? moveStack(entries, options.namespace) : entries;
  prefetchBuiltIns(live, placed, options);
  let stop: string | undefined;
  const shouldStop = (): boolean => {
    if (stop === undefined && options.signal?.aborted) stop = 'cancelled';
    return stop !== undefined;
  };
  const results: ObjectResult[] = [];
  const pendingNamespaces = new Set<string>();
  let done = 0;
  const waves = groupIntoWaves(placed, (e) => e.object.kind);
  for (const [wave, members] of waves.entries()) {
    if (members.length === 0) continue;
    options.onProgress?.({ type: 'wave', wave, name: WAVE_NAMES[wave] ?? `wave ${wave + 1}`, objects: members.length });
    const waveResults = await mapBounded(
      members,
      options.concurrency ?? DEFAULT_CONCURRENCY,
      async (entry) => {
        const outcome = await applyEntry(client, live, entry, wave, options, pendingNamespaces);
        if (outcome.fatal && stop === undefined) stop = options.signal?.aborted ? 'cancelled' : outcome.fatal;
        if (options.dryRun && outcome.result.ref.kind === 'Namespace' && outcome.result.status === 'created')
          pendingNamespaces.add(outcome.result.ref.name);
        logger.trace(
          `apply ${formatRef(outcome.result.ref)}: ${outcome.result.status}${outcome.result.message ? ` (${outcome.result.message})` : ''}`,
        );
        options.onProgress?.({ type: 'object', result: outcome.result, done: ++done, total: placed.length });
        return outcome.result;
      },
      { shouldStop, skipped: (entry) => skippedResult(entry, wave, stop ?? 'cancelled') },
    );
    results.push(...waveResults);
  }
  return {
    dryRun: options.dryRun ?? false,
    results,
    interrupted: stop === undefined ? undefined : interruptedMessage(stop, results),
  };
}

async function applyEntry(
  client: ClusterClient,
  live: LiveIndex,
  entry: ManifestEntry,
  wave: number,
  options: ApplyOptions,
  pendingNamespaces: ReadonlySet<string>,
): Promise<{ result: ObjectResult; fatal?: string }> {
  const resolved = await client.resolve(entry.object.apiVersion, entry.object.kind, options.signal);
  if (!resolved.ok) {
    if (resolved.error.kind === 'cancelled')
      return { result: skippedResult(entry, wave, 'cancelled'), fatal: 'cancelled' };
    const result: ObjectResult = {
      ref: refOf(entry.object),
      file: entry.file,
      line: entry.line,
      wave,
      status: 'failed',
      message: resolved.error.message,
    };
    return { result, fatal: resolved.error.fatal ? resolved.error.message : undefined };
  }
  const object = placeObject(entry.object, resolved.value, options.namespace, options.overrideNamespace ?? false);
  const prepared: PreparedEntry = { entry, object, resource: resolved.value, wave };
  const outcome = await applyObject(client, live, prepared, {
    dryRun: options.dryRun ?? false,
    force: options.force ?? false,
    pendingNamespaces,
    signal: options.signal,
  });
  return { result: outcome.result, fatal: outcome.fatal?.message };
}

/** Lists of built-in kinds start at once, so later waves find the live state already there. */
function prefetchBuiltIns(live: LiveIndex, entries: readonly ManifestEntry[], options: ApplyOptions): void {
  for (const entry of entries) {
    const resource = builtInResource(entry.object.apiVersion, entry.object.kind);
    if (resource)
      live.prefetch(
        placeObject(entry.object, resource, options.namespace, options.overrideNamespace ?? false),
        resource,
      );
  }
}

/**
 * With a namespace override the stack moves as a whole, as `generate --namespace` moves it: every namespace its
 * objects name is renamed to the override in Namespace objects, ServiceAccount subjects of bindings and cluster-scoped
 * RBAC named after it. Otherwise a ServiceAccount in the new namespace would get none of its permissions.
 */
function moveStack(entries: readonly ManifestEntry[], namespace: string): ManifestEntry[] {
  const from = new Set(entries.flatMap((e) => (e.object.metadata.namespace ? [e.object.metadata.namespace] : [])));
  from.delete(namespace);
  if (from.size === 0) return [...entries];
  return entries.map((entry) => ({ ...entry, object: moveObject(entry.object, from, namespace) }));
}

function moveObject(object: KubeObject, from: ReadonlySet<string>, namespace: string): KubeObject {
  const doc = new (yamlLib().Document)(object, { aliasDuplicateObjects: false });
  for (const source of from) setNamespace(doc, namespace, source);
  return doc.toJS() as KubeObject;
}

function skippedResult(entry: ManifestEntry, wave: number, reason: string): ObjectResult {
  return {
    ref: refOf(entry.object),
    file: entry.file,
    line: entry.line,
    wave,
    status: 'skipped',
    message: `not applied: ${reason}`,
  };
}

function interruptedMessage(reason: string, results: readonly ObjectResult[]): string {
  return `${reason}; ${outcomeText(outcomeCounts(results))}. Re-running apply is safe: server-side apply only changes what differs.`;
}
