// OpenAPI v3 documents: the root index (/openapi/v3) and one document per group-version.
// kubectl reads the PATCH operations' query parameters to decide whether the server supports
// server-side field validation (fieldValidation) and dry-run, keyed by x-kubernetes-group-version-kind;
// `kubectl explain` and client-side apply read the component schemas, generated here from
// @kubernetes/client-node's models (with patch merge keys for strategic merge).
// Simplified: fewer operations and parameters than the real spec, schema names are client-node's.
import { createHash } from 'node:crypto';
import { MERGE_KEYS } from './patch';
import { RESOURCES, type ResourceType, apiGroups } from './resources';
import { attributes, modelName, typeShape } from './schema';

type Doc = Record<string, unknown>;
const q = (name: string, type = 'string', description = '') => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});
const WRITE_PARAMS = [q('dryRun'), q('fieldManager'), q('fieldValidation', 'string', 'Strict, Warn or Ignore')];
const LIST_PARAMS = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'timeoutSeconds',
  'watch',
].map((n) =>
  q(
    n,
    n === 'limit' || n === 'timeoutSeconds'
      ? 'integer'
      : n === 'watch' || n === 'allowWatchBookmarks'
        ? 'boolean'
        : 'string',
  ),
);

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function primitive(type: string, format: string): Doc {
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return format === 'double'
        ? { type: 'number', format: 'double' }
        : { type: 'integer', format: format || 'int32' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'IntOrString':
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    default:
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
}

function typeSchema(type: string, format: string, schemas: Doc, field: string): Doc {
  const t = typeShape(type);
  switch (t.shape) {
    case 'model':
      addModel(t.model, schemas);
      return { allOf: [{ $ref: `#/components/schemas/${t.model}` }] };
    case 'array': {
      const s: Doc = { type: 'array', items: typeSchema(t.item, '', schemas, '') };
      // Service ports merge by `port`; endpoint ports are atomic; otherwise the field's usual key.
      const key = t.item === 'V1ServicePort' ? 'port' : /EndpointPort$/.test(t.item) ? undefined : MERGE_KEYS[field];
      if (key)
        Object.assign(s, {
          'x-kubernetes-patch-merge-key': key,
          'x-kubernetes-patch-strategy': 'merge',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': [key],
        });
      return s;
    }
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.value, '', schemas, '') };
    case 'primitive':
      return primitive(t.type, format);
  }
}

function addModel(model: string, schemas: Doc): void {
  if (schemas[model]) return;
  const attrs = attributes(model) ?? [];
  const schema: Doc = { type: 'object', properties: {} };
  schemas[model] = schema;
  for (const a of attrs) (schema.properties as Doc)[a.baseName] = typeSchema(a.type, a.format, schemas, a.baseName);
}

function op(r: ResourceType, action: string, kind: string, params: unknown[], extra: Doc = {}): Doc {
  return {
    operationId: `${action}${r.kind}`,
    parameters: params,
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${modelName(r.version, r.kind)}` } } },
      },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind },
    ...extra,
  };
}

const body = (types: string[]) => ({
  requestBody: { content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'object' } }])) },
});
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

export function groupVersionDoc(group: string, version: string): Doc | undefined {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  const paths: Doc = {};
  const schemas: Doc = {};
  for (const r of rs) {
    const model = modelName(r.version, r.kind);
    addModel(model, schemas);
    (schemas[model] as Doc)['x-kubernetes-group-version-kind'] = [{ group: r.group, version: r.version, kind: r.kind }];
    const base = `/${gvPath(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
    const pathParams = r.namespaced
      ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string' } }]
      : [];
    const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
    paths[base] = {
      parameters: pathParams,
      get: op(r, 'list', r.kind, LIST_PARAMS),
      post: op(r, 'post', r.kind, WRITE_PARAMS, body(['*/*'])),
      delete: op(r, 'deletecollection', r.kind, [...LIST_PARAMS, q('dryRun'), q('propagationPolicy')]),
    };
    if (r.namespaced) paths[`/${gvPath(r.group, r.version)}/${r.plural}`] = { get: op(r, 'list', r.kind, LIST_PARAMS) };
    paths[`${base}/{name}`] = {
      parameters: [nameParam, ...pathParams],
      get: op(r, 'get', r.kind, []),
      put: op(r, 'put', r.kind, WRITE_PARAMS, body(['*/*'])),
      patch: op(r, 'patch', r.kind, [...WRITE_PARAMS, q('force', 'boolean')], body(PATCH_TYPES)),
      delete: op(r, 'delete', r.kind, [q('dryRun'), q('propagationPolicy'), q('gracePeriodSeconds', 'integer')]),
    };
    for (const sub of r.subresources.filter((s) => s === 'status' || s === 'scale')) {
      const kind = sub === 'scale' ? 'Scale' : r.kind;
      const gvk =
        sub === 'scale'
          ? { 'x-kubernetes-group-version-kind': { group: 'autoscaling', version: 'v1', kind: 'Scale' } }
          : {};
      paths[`${base}/{name}/${sub}`] = {
        parameters: [nameParam, ...pathParams],
        get: op(r, 'get', kind, [], gvk),
        put: op(r, 'put', kind, WRITE_PARAMS, { ...body(['*/*']), ...gvk }),
        patch: op(r, 'patch', kind, [...WRITE_PARAMS, q('force', 'boolean')], { ...body(PATCH_TYPES), ...gvk }),
      };
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (starter-sim test double)', version: 'v1.32.0' },
    paths,
    components: { schemas },
  };
}

const hashes = new Map<string, string>();
function hashOf(group: string, version: string): string {
  const key = `${group}/${version}`;
  let h = hashes.get(key);
  if (!h) {
    h = createHash('sha512')
      .update(JSON.stringify(groupVersionDoc(group, version)))
      .digest('hex')
      .slice(0, 32)
      .toUpperCase();
    hashes.set(key, h);
  }
  return h;
}

export function openapiRoot(): Doc {
  const paths: Doc = {};
  const gvs = [{ group: '', version: 'v1' }, ...apiGroups()];
  for (const { group, version } of gvs)
    paths[gvPath(group, version)] = {
      serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hashOf(group, version)}`,
    };
  return { paths };
}

/** `/openapi/v3/apis/apps/v1` → the document, or undefined. */
export function openapiFor(pathname: string): Doc | undefined {
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(pathname);
  if (!m) return undefined;
  return m[1] ? groupVersionDoc('', 'v1') : groupVersionDoc(m[2]!, m[3]!);
}
