// The write path shared by create, update, patch and apply: identity checks, defaulting, validation,
// field-validation (Strict/Warn/Ignore), namespace existence, managedFields, dry-run, and storage.
import { randomBytes } from 'node:crypto';
import { serverSideApply, trackUpdate } from './apply';
import { type SimContext } from './context';
import { applyDefaults } from './defaults';
import { RESOURCES, type ResourceType, groupVersion } from './resources';
import { errors } from './status';
import { type KObject, clone, meta } from './store';
import { findUnknownFields, strictError, validateObject } from './validate';

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  manager: string;
  subresource?: string;
  /** Filled with `299 - "unknown field ..."` warnings for fieldValidation=Warn. */
  warnings: string[];
}

const namespaceType = RESOURCES.find((r) => r.kind === 'Namespace')!;

/** Ensures kind/apiVersion/namespace of the body agree with the URL, filling them in when absent. */
export function checkIdentity(r: ResourceType, obj: KObject, namespace: string | undefined, name?: string): void {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw errors.badRequest('the body of the request was not a JSON object');
  const gv = groupVersion(r);
  if (obj.apiVersion === undefined) obj.apiVersion = gv;
  if (obj.kind === undefined) obj.kind = r.kind;
  if (obj.apiVersion !== gv || obj.kind !== r.kind)
    throw errors.badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${gv}) or kind (${String(obj.kind)} vs ${r.kind})`,
    );
  const m = meta(obj);
  if (r.namespaced) {
    if (m.namespace !== undefined && namespace !== undefined && m.namespace !== namespace)
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (namespace !== undefined) m.namespace = namespace;
  }
  if (name !== undefined) {
    if (m.name !== undefined && m.name !== name)
      throw errors.badRequest(
        'the name of the object (' + m.name + ') does not match the name on the URL (' + name + ')',
      );
    m.name = name;
  }
}

function checkFields(r: ResourceType, obj: KObject, opts: WriteOptions): void {
  if (opts.fieldValidation === 'Ignore') return;
  const unknown = findUnknownFields(r, obj);
  if (unknown.length === 0) return;
  if (opts.fieldValidation === 'Strict') throw strictError(unknown);
  for (const f of unknown) opts.warnings.push(`299 - "unknown field \\"${f}\\""`);
}

function requireNamespace(ctx: SimContext, r: ResourceType, obj: KObject): void {
  if (!r.namespaced) return;
  const ns = meta(obj).namespace;
  if (!ns) throw errors.badRequest('an empty namespace may not be set during creation');
  if (!ctx.store.peek(namespaceType, undefined, ns)) throw errors.notFound('namespaces', '', ns);
}

export function create(ctx: SimContext, r: ResourceType, body: KObject, opts: WriteOptions): KObject {
  const m = meta(body);
  if (!m.name && m.generateName) m.name = m.generateName + randomBytes(3).toString('hex').slice(0, 5);
  checkFields(r, body, opts);
  requireNamespace(ctx, r, body);
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation'] as const)
    delete m[k];
  if (
    r.subresources.includes('status') &&
    r.kind !== 'Pod' &&
    r.kind !== 'Service' &&
    r.kind !== 'PersistentVolumeClaim'
  )
    delete body.status;
  applyDefaults(r, body);
  validateObject(r, body);
  if (ctx.store.peek(r, m.namespace, m.name ?? '')) throw errors.alreadyExists(r.plural, r.group, m.name ?? '');
  delete m.managedFields;
  trackUpdate(undefined, body, opts.manager, groupVersion(r));
  if (opts.dryRun) return dryRunStamp(body);
  return ctx.store.create(r, body);
}

/** Replaces an object (PUT, or the result of a patch). `live` is the stored version (read only). */
export function update(
  ctx: SimContext,
  r: ResourceType,
  live: KObject,
  next: KObject,
  opts: WriteOptions & { checkRV: boolean },
): KObject {
  const lm = meta(live);
  const nm = meta(next);
  if (opts.checkRV && nm.resourceVersion && nm.resourceVersion !== lm.resourceVersion)
    throw errors.conflict(r.plural, r.group, lm.name ?? '');
  checkFields(r, next, opts);
  if (opts.subresource === 'status') {
    // The status subresource only changes status; everything else keeps its stored value.
    next = { ...clone(live), status: next.status };
  } else if (r.subresources.includes('status')) {
    next.status = clone(live.status);
    if (next.status === undefined) delete next.status;
  }
  const m = meta(next);
  m.uid = lm.uid;
  m.creationTimestamp = lm.creationTimestamp;
  m.resourceVersion = lm.resourceVersion;
  m.generation = lm.generation;
  applyDefaults(r, next);
  validateObject(r, next);
  trackUpdate(live, next, opts.manager, groupVersion(r), opts.subresource);
  if (opts.dryRun) return next;
  return ctx.store.update(r, next, live);
}

/** Server-side apply: create or merge, then the same checks as any write. */
export function apply(
  ctx: SimContext,
  r: ResourceType,
  live: KObject | undefined,
  applied: KObject,
  opts: WriteOptions & { force: boolean },
): KObject {
  checkFields(r, applied, opts);
  const result = serverSideApply(live, applied, {
    manager: opts.manager,
    force: opts.force,
    apiVersion: groupVersion(r),
  });
  if (!live) {
    requireNamespace(ctx, r, result);
    applyDefaults(r, result);
    validateObject(r, result);
    if (opts.dryRun) return dryRunStamp(result);
    return ctx.store.create(r, result);
  }
  if (opts.subresource !== 'status' && r.subresources.includes('status')) result.status = clone(live.status);
  applyDefaults(r, result);
  validateObject(r, result);
  if (opts.dryRun) return result;
  return ctx.store.update(r, result, live);
}

function dryRunStamp(obj: KObject): KObject {
  // A dry-run create answers with what would be stored; the real server also fills uid and timestamps.
  const m = meta(obj);
  m.uid = '00000000-0000-0000-0000-000000000000';
  m.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  m.generation = 1;
  return obj;
}
