// Server-side apply and managedFields bookkeeping.
// Follows the documented semantics (https://kubernetes.io/docs/reference/using-api/server-side-apply/):
// each manager owns the fields it set; applying a field that another manager owns with a different
// value is a conflict (409) unless force=true, which takes ownership; fields a manager stops applying
// are removed when nobody else owns them; applying the same configuration again changes nothing.
// Simplified: ownership granularity is described in fieldpath.ts; status is not applied via the main resource.
import {
  type Path,
  describePath,
  fromFieldsV1,
  leafPaths,
  listKey,
  pathId,
  removeAt,
  toFieldsV1,
  valueAt,
} from './fieldpath';
import { SimError, type StatusCause } from './status';
import { type KObject, meta } from './store';

interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}
type Json = unknown;
type JsonObject = Record<string, Json>;
const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function entries(obj: KObject): ManagedFieldsEntry[] {
  return (meta(obj).managedFields as ManagedFieldsEntry[] | undefined) ?? [];
}

/** Merges an applied configuration into the live object: maps deep, keyed lists by key, the rest replaced. */
export function applyMerge(live: Json, applied: Json, field = ''): Json {
  if (isObject(applied)) {
    const out: JsonObject = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) out[k] = applyMerge(out[k], v, k);
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const key = listKey(field, applied);
    if (!key || !listKey(field, live)) return structuredClone(applied);
    const out = structuredClone(live) as JsonObject[];
    for (const item of applied as JsonObject[]) {
      const idx = out.findIndex((o) => JSON.stringify(o[key]) === JSON.stringify(item[key]));
      if (idx >= 0) out[idx] = applyMerge(out[idx], item) as JsonObject;
      else out.push(structuredClone(item));
    }
    return out;
  }
  return structuredClone(applied);
}

function ownedBy(e: ManagedFieldsEntry): Set<string> {
  return new Set(fromFieldsV1(e.fieldsV1).map(pathId));
}

function setOwned(e: ManagedFieldsEntry, ids: Set<string>): void {
  e.fieldsV1 = toFieldsV1([...ids].map((id) => id.split('\u0000')));
}

export interface ApplyOptions {
  manager: string;
  force: boolean;
  apiVersion: string;
}

/**
 * Computes the object after applying `applied` over `live` (undefined = create), with updated
 * managedFields. Throws a 409 Conflict Status naming each conflicting field and manager.
 */
export function serverSideApply(live: KObject | undefined, applied: KObject, opts: ApplyOptions): KObject {
  const base: KObject = live
    ? structuredClone(live)
    : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} };
  const appliedNoStatus = structuredClone(applied);
  delete appliedNoStatus.status;
  const newPaths = leafPaths(appliedNoStatus);
  const newIds = new Set(newPaths.map(pathId));
  const managed = entries(base).map((e) => ({ ...e }));
  const mine = managed.find((e) => e.manager === opts.manager && e.operation === 'Apply' && !e.subresource);
  const others = managed.filter((e) => e !== mine && !e.subresource);

  const conflicts: Array<{ path: Path; entry: ManagedFieldsEntry }> = [];
  for (const path of newPaths) {
    const id = pathId(path);
    for (const other of others) {
      if (!ownedBy(other).has(id)) continue;
      if (JSON.stringify(valueAt(base, path)) === JSON.stringify(valueAt(appliedNoStatus, path))) continue;
      conflicts.push({ path, entry: other });
    }
  }
  if (conflicts.length && !opts.force) throw conflictError(conflicts);

  const merged = applyMerge(base, appliedNoStatus) as KObject;
  // Forced or same-valued shared fields: a forced apply takes them away from the others.
  for (const other of others) {
    const owned = ownedBy(other);
    if (opts.force) for (const c of conflicts) if (c.entry === other) owned.delete(pathId(c.path));
    setOwned(other, owned);
  }
  // Fields this manager applied before but not now, that nobody else owns, are removed (deepest first).
  const previously = mine ? ownedBy(mine) : new Set<string>();
  const othersOwn = new Set(others.flatMap((o) => [...ownedBy(o)]));
  const dropped = [...previously]
    .filter((id) => !newIds.has(id) && !othersOwn.has(id))
    .sort((a, b) => b.length - a.length);
  for (const id of dropped) removeAt(merged, id.split('\u0000'));

  const entry: ManagedFieldsEntry = mine ?? {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: opts.apiVersion,
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
  };
  const changed =
    !mine ||
    JSON.stringify([...previously].sort()) !== JSON.stringify([...newIds].sort()) ||
    JSON.stringify(stripMeta(merged)) !== JSON.stringify(stripMeta(base));
  if (changed) entry.time = now();
  entry.apiVersion = opts.apiVersion;
  setOwned(entry, newIds);
  const result = [...(mine ? [] : [entry]), ...managed].filter(
    (e) => Object.keys(e.fieldsV1).length > 0 || e === entry,
  );
  meta(merged).managedFields = sortEntries(result);
  return merged;
}

/**
 * Records ownership for a non-apply write (create, PUT, patch): the manager takes every leaf whose
 * value changed (all leaves on create); fields that disappeared are dropped from every manager.
 */
export function trackUpdate(
  before: KObject | undefined,
  after: KObject,
  manager: string,
  apiVersion: string,
  subresource?: string,
): void {
  const beforePaths = new Set(before ? leafPaths(stripStatus(before, subresource)).map(pathId) : []);
  const afterPaths = leafPaths(stripStatus(after, subresource));
  const afterIds = new Set(afterPaths.map(pathId));
  const changed = afterPaths.filter(
    (p) =>
      !before ||
      !beforePaths.has(pathId(p)) ||
      JSON.stringify(valueAt(before, p)) !== JSON.stringify(valueAt(after, p)),
  );
  const managed = entries(before ?? after).map((e) => ({ ...e }));
  for (const e of managed) {
    const owned = ownedBy(e);
    for (const p of changed) owned.delete(pathId(p));
    for (const id of [...owned])
      if (!afterIds.has(id) && (e.subresource ?? '') === (subresource ?? '')) owned.delete(id);
    setOwned(e, owned);
  }
  if (changed.length) {
    let entry = managed.find(
      (e) => e.manager === manager && e.operation === 'Update' && (e.subresource ?? '') === (subresource ?? ''),
    );
    if (!entry) {
      entry = {
        manager,
        operation: 'Update',
        apiVersion,
        time: now(),
        fieldsType: 'FieldsV1',
        fieldsV1: {},
        ...(subresource ? { subresource } : {}),
      };
      managed.push(entry);
    }
    const owned = ownedBy(entry);
    for (const p of changed) owned.add(pathId(p));
    setOwned(entry, owned);
    entry.time = now();
  }
  meta(after).managedFields = sortEntries(managed.filter((e) => Object.keys(e.fieldsV1).length > 0));
}

function stripStatus(obj: KObject, subresource?: string): KObject {
  const c = structuredClone(obj);
  delete meta(c).managedFields;
  if (subresource === 'status') return { status: c.status };
  delete c.status;
  return c;
}

function stripMeta(obj: KObject): KObject {
  const c = structuredClone(obj);
  delete meta(c).managedFields;
  return c;
}

function sortEntries(list: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  // The real server lists Apply entries first, then Update entries, each by manager name.
  return list.sort((a, b) =>
    a.operation === b.operation ? a.manager.localeCompare(b.manager) : a.operation === 'Apply' ? -1 : 1,
  );
}

function conflictError(conflicts: Array<{ path: Path; entry: ManagedFieldsEntry }>): SimError {
  const who = (e: ManagedFieldsEntry) =>
    e.operation === 'Update' ? `conflict with "${e.manager}" using ${e.apiVersion}` : `conflict with "${e.manager}"`;
  const causes: StatusCause[] = conflicts.map((c) => ({
    type: 'FieldManagerConflict',
    message: who(c.entry),
    field: describePath(c.path),
  }));
  const n = conflicts.length;
  const first = conflicts[0]!;
  const message =
    n === 1
      ? `Apply failed with 1 conflict: ${who(first.entry)}: ${describePath(first.path)}`
      : `Apply failed with ${n} conflicts: ${conflicts.map((c) => `${who(c.entry)}: ${describePath(c.path)}`).join('\n')}`;
  return new SimError(409, 'Conflict', message, { causes });
}
