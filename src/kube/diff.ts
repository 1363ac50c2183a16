import { createTwoFilesPatch } from 'diff';
import { yamlLib } from '../util/yamlLib';
import { isRecord, type KubeObject } from './objects';

/** Metadata the server maintains; it changes on every write and says nothing about the user's intent. */
const METADATA_NOISE = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const HIDDEN = '<hidden>';
export const HIDDEN_CHANGED = '<hidden, changed>';

/** A copy without status and server-maintained metadata; Secrets' `stringData` folded into `data` as the server does. */
export function withoutNoise(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  delete copy.status;
  for (const field of METADATA_NOISE) delete copy.metadata[field];
  if (copy.kind === 'Secret') foldStringData(copy);
  return copy;
}

function foldStringData(secret: KubeObject): void {
  if (!isRecord(secret.stringData)) return;
  const data: Record<string, unknown> = isRecord(secret.data) ? secret.data : {};
  for (const [key, value] of Object.entries(secret.stringData))
    data[key] = Buffer.from(String(value)).toString('base64');
  secret.data = data;
  delete secret.stringData;
}

/** JSON with object keys sorted, so equal objects give equal text whatever the server's key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Deep equality of two parsed-JSON values, whatever the order of object keys; `same` decides for primitives.
 * No copy and no text: applying an unchanged stack compares every object, and most are equal.
 */
function jsonEqual(a: unknown, b: unknown, same: (x: unknown, y: unknown) => boolean): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return same(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((k) => Object.hasOwn(y, k) && jsonEqual(x[k], y[k], same));
}

/** `withoutNoise` by shallow copies (nothing below metadata changes), unless Secret stringData needs folding. */
function shallowWithoutNoise(object: KubeObject): KubeObject {
  if (object.kind === 'Secret' && object.stringData !== undefined) return withoutNoise(object);
  const copy: KubeObject = { ...object, metadata: { ...object.metadata } };
  delete copy.status;
  for (const field of METADATA_NOISE) delete copy.metadata[field];
  return copy;
}

/** True when two objects differ only in status and server-maintained metadata (as their stable JSON would say). */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  return jsonEqual(shallowWithoutNoise(a), shallowWithoutNoise(b), (x, y) => x === y);
}

/**
 * Masks Secret values on both sides of a comparison: every value becomes `<hidden>`, and on the new side
 * `<hidden, changed>` where it differs from the old one, so a diff says which keys change and never their values.
 */
export function maskSecretPair(
  before: KubeObject | undefined,
  after: KubeObject,
): [KubeObject | undefined, KubeObject] {
  if (after.kind !== 'Secret') return [before, after];
  const oldData = isRecord(before?.data) ? before.data : {};
  const newData = isRecord(after.data) ? after.data : {};
  const maskedAfter = {
    ...after,
    data: Object.fromEntries(
      Object.keys(newData).map((k) => [
        k,
        oldData[k] === undefined || oldData[k] === newData[k] ? HIDDEN : HIDDEN_CHANGED,
      ]),
    ),
  };
  const maskedBefore = before && { ...before, data: Object.fromEntries(Object.keys(oldData).map((k) => [k, HIDDEN])) };
  for (const side of [maskedBefore, maskedAfter]) {
    if (!side) continue;
    if (Object.keys(side.data).length === 0) delete (side as Partial<KubeObject>).data;
    const annotations = side.metadata.annotations;
    if (annotations?.[LAST_APPLIED] !== undefined)
      side.metadata = { ...side.metadata, annotations: { ...annotations, [LAST_APPLIED]: HIDDEN } };
  }
  return [maskedBefore, maskedAfter];
}

function toYaml(object: KubeObject | undefined): string {
  return object === undefined ? '' : yamlLib().stringify(object, { sortMapEntries: true, lineWidth: 0 });
}

/**
 * The unified diff between the live object (undefined: it does not exist) and what applying would make of it.
 * Empty when nothing the user wrote would change. Secret values never appear.
 */
export function objectDiff(live: KubeObject | undefined, applied: KubeObject, label: string): string {
  // Equal trees print equal YAML (keys sorted), so the common unchanged case needs no printing; Object.is keeps
  // -0, which YAML prints, apart from 0.
  if (live !== undefined && jsonEqual(shallowWithoutNoise(live), shallowWithoutNoise(applied), Object.is)) return '';
  const [before, after] = maskSecretPair(live && withoutNoise(live), withoutNoise(applied));
  const oldText = toYaml(before);
  const newText = toYaml(after);
  if (oldText === newText) return '';
  return createTwoFilesPatch(`live/${label}`, `applied/${label}`, oldText, newText, undefined, undefined, {
    context: 3,
  })
    .split('\n')
    .filter((line) => !line.startsWith('====='))
    .join('\n')
    .trimEnd();
}
