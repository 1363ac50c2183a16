// Field paths for server-side apply ownership, and their `FieldsV1` wire form.
// A path is a list of tokens like the real fieldsV1 keys: `f:<field>` for struct/map members and
// `k:{"name":"web"}` for items of lists that have a merge key. Simplifications versus the real
// structured-merge-diff: ownership is tracked on leaves only (plus each keyed list item's key field,
// which stands for the item itself), lists without a merge key are atomic leaves, and keyed lists use
// a single key field (real ports use containerPort+protocol).
import { MERGE_KEYS } from './patch';

export type Path = string[];
type Json = unknown;
type JsonObject = Record<string, Json>;
const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function listKey(field: string, items: Json[]): string | undefined {
  if (field === 'ports' && items.some((i) => isObject(i) && 'port' in i && !('containerPort' in i))) return 'port';
  const key = MERGE_KEYS[field];
  if (!key) return undefined;
  return items.every((i) => isObject(i) && key in i) ? key : undefined;
}

export function itemToken(key: string, value: Json): string {
  return `k:${JSON.stringify({ [key]: value })}`;
}

/** Fields that are identity, not content: never owned (as in the real server). */
function ignored(path: Path): boolean {
  const [a, b] = path;
  if (path.length === 1 && (a === 'f:apiVersion' || a === 'f:kind')) return true;
  if (
    a === 'f:metadata' &&
    (b === 'f:name' ||
      b === 'f:namespace' ||
      b === 'f:managedFields' ||
      b === 'f:resourceVersion' ||
      b === 'f:uid' ||
      b === 'f:creationTimestamp' ||
      b === 'f:generation')
  )
    return true;
  return false;
}

export function leafPaths(value: Json, prefix: Path = [], field = ''): Path[] {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix.length > 0) return [prefix];
    return entries.flatMap(([k, v]) => {
      const p = [...prefix, `f:${k}`];
      return ignored(p) ? [] : leafPaths(v, p, k);
    });
  }
  if (Array.isArray(value)) {
    const key = listKey(field, value);
    if (!key) return [prefix];
    return value.flatMap((item) => {
      const obj = item as JsonObject;
      const itemPrefix = [...prefix, itemToken(key, obj[key])];
      return leafPaths(obj, itemPrefix, '');
    });
  }
  return [prefix];
}

export const pathId = (p: Path): string => p.join('\u0000');
export const fromId = (id: string): Path => id.split('\u0000');

/** Reads the value at a path; undefined when absent. */
export function valueAt(obj: Json, path: Path): Json {
  let cur = obj;
  for (const token of path) {
    if (token.startsWith('f:')) cur = isObject(cur) ? cur[token.slice(2)] : undefined;
    else if (token.startsWith('k:')) {
      const [k, v] = Object.entries(JSON.parse(token.slice(2)) as JsonObject)[0]!;
      cur = Array.isArray(cur) ? cur.find((i) => isObject(i) && JSON.stringify(i[k]) === JSON.stringify(v)) : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Removes the field at `path`; removing a keyed item's key field removes the whole item. */
export function removeAt(obj: Json, path: Path): void {
  const last = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  const parent = valueAt(obj, parentPath);
  const grandToken = parentPath[parentPath.length - 1];
  if (grandToken?.startsWith('k:') && last?.startsWith('f:')) {
    const keyField = Object.keys(JSON.parse(grandToken.slice(2)) as JsonObject)[0];
    if (keyField === last.slice(2)) {
      const list = valueAt(obj, parentPath.slice(0, -1));
      if (Array.isArray(list)) {
        const idx = list.indexOf(parent);
        if (idx >= 0) list.splice(idx, 1);
      }
      return;
    }
  }
  if (isObject(parent) && last?.startsWith('f:')) delete parent[last.slice(2)];
}

/** `.spec.template.spec.containers[name="web"].image`, the way conflicts are reported. */
export function describePath(path: Path): string {
  return path
    .map((t) => {
      if (t.startsWith('f:')) return `.${t.slice(2)}`;
      const [k, v] = Object.entries(JSON.parse(t.slice(2)) as JsonObject)[0]!;
      return `[${k}=${JSON.stringify(v)}]`;
    })
    .join('');
}

/** Leaf set → nested FieldsV1 object (`{"f:data":{"f:key":{}}}`), with "." on keyed items as the server writes. */
export function toFieldsV1(paths: Path[]): JsonObject {
  const root: JsonObject = {};
  for (const p of paths) {
    let cur = root;
    for (const token of p) {
      if (!isObject(cur[token])) cur[token] = token.startsWith('k:') ? { '.': {} } : {};
      cur = cur[token] as JsonObject;
    }
  }
  return root;
}

export function fromFieldsV1(tree: Json, prefix: Path = []): Path[] {
  if (!isObject(tree)) return [];
  const children = Object.entries(tree).filter(([k]) => k !== '.');
  if (children.length === 0) return prefix.length ? [prefix] : [];
  return children.flatMap(([k, v]) => fromFieldsV1(v, [...prefix, k]));
}
