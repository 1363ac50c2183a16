// The three classic PATCH flavours: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
// Kubernetes' strategic merge patch.
// Simplification (strategic merge): lists whose items carry a known merge key (containers, volumes,
// env, ports, ...) are merged item by item by that key, honouring `$patch: delete` on an item;
// every other list is replaced, and `$retainKeys`/`$setElementOrder`/`$deleteFromPrimitiveList`
// directives are ignored (the `$setElementOrder` ones are dropped). The real server reads the
// merge keys from the Go types' struct tags; this table holds the ones our stack uses.
import { errors } from './status';

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The merge key for list fields by field name, as declared in the Kubernetes Go types. */
export const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  tolerations: 'key',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  finalizers: '',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  secrets: 'name',
};

/** Service ports merge by `port`, container ports by `containerPort`: decide from the items themselves. */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports' && items.some((i) => isObject(i) && 'port' in i && !('containerPort' in i))) return 'port';
  const key = MERGE_KEYS[field];
  return key || undefined;
}

export function strategicMergePatch(target: Json, patch: Json, field = ''): Json {
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(field, patch);
    if (!key || !Array.isArray(target))
      return structuredClone(patch.filter((i) => !(isObject(i) && i.$patch === 'delete')));
    const out = structuredClone(target) as Json[];
    for (const item of patch) {
      if (!isObject(item)) continue;
      const idx = out.findIndex((o) => isObject(o) && o[key] === item[key]);
      if (item.$patch === 'delete') {
        if (idx >= 0) out.splice(idx, 1);
      } else if (idx >= 0) out[idx] = strategicMergePatch(out[idx], item);
      else out.push(strategicMergePatch(undefined, item));
    }
    return out;
  }
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _drop, ...rest } = patch;
    return structuredClone(rest);
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (
      k.startsWith('$setElementOrder/') ||
      k === '$retainKeys' ||
      k.startsWith('$deleteFromPrimitiveList/') ||
      k === '$patch'
    )
      continue;
    if (v === null) delete out[k];
    else out[k] = strategicMergePatch(out[k], v, k);
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw errors.badRequest(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, parts: string[], path: string): { parent: JsonObject | Json[]; last: string } {
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined) throw errors.unprocessable(`jsonpatch: path "${path}": doc is missing path`);
  }
  if (!Array.isArray(cur) && !isObject(cur))
    throw errors.unprocessable(`jsonpatch: path "${path}": doc is missing path`);
  return { parent: cur, last: parts[parts.length - 1] ?? '' };
}

function getAt(doc: Json, path: string): Json {
  let cur = doc;
  for (const p of pointer(path)) cur = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
  if (cur === undefined) throw errors.unprocessable(`jsonpatch: path "${path}": doc is missing path`);
  return cur;
}

export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw errors.badRequest('json patch must be an array of operations');
  let out = structuredClone(doc);
  for (const raw of ops as JsonPatchOp[]) {
    const parts = pointer(raw.path);
    const remove = (path: string) => {
      const { parent, last } = parentOf(out, pointer(path), path);
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else {
        if (!(last in parent))
          throw errors.unprocessable(`jsonpatch remove operation does not apply: doc is missing key: ${path}`);
        delete parent[last];
      }
    };
    const add = (path: string, value: Json) => {
      if (pointer(path).length === 0) {
        out = value;
        return;
      }
      const { parent, last } = parentOf(out, pointer(path), path);
      if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(value));
      else parent[last] = structuredClone(value);
    };
    switch (raw.op) {
      case 'add':
        add(raw.path, raw.value);
        break;
      case 'remove':
        remove(raw.path);
        break;
      case 'replace':
        getAt(out, raw.path);
        if (parts.length) {
          remove(raw.path);
        }
        add(raw.path, raw.value);
        break;
      case 'move': {
        const v = getAt(out, raw.from ?? '');
        remove(raw.from ?? '');
        add(raw.path, v);
        break;
      }
      case 'copy':
        add(raw.path, getAt(out, raw.from ?? ''));
        break;
      case 'test':
        if (JSON.stringify(getAt(out, raw.path)) !== JSON.stringify(raw.value))
          throw errors.unprocessable(`testing value ${raw.path} failed`);
        break;
      default:
        throw errors.badRequest(`unexpected kind: ${raw.op}`);
    }
  }
  return out;
}
