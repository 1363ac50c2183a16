// REST verbs on resources: get, list, create, update (PUT), patch (4 content types), delete,
// deletecollection, and the status/scale subresources. Watch lives in watch.ts, logs in logs.ts.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import YAML from 'yaml';
import { type SimContext } from './context';
import { deleteObject, propagationFrom } from './gc';
import { flag, listJSONBytes, readBody, readRawBody, sendJSON, sendJSONBytes } from './http-util';
import { decodeProtobuf } from './protobuf';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { listPage } from './paging';
import { groupVersion } from './resources';
import { type ResourceHandler, type ResourceRequest } from './router';
import { selectorMatcher } from './selectors';
import { errors, successStatus } from './status';
import { type KObject, clone, meta } from './store';
import { type WriteOptions, apply, checkIdentity, create, update } from './write';
import { wantsTable, toTable } from './table';

function writeOptions(req: IncomingMessage, params: URLSearchParams, subresource?: string): WriteOptions {
  const fv = params.get('fieldValidation');
  const ua = req.headers['user-agent'] ?? 'unknown';
  return {
    dryRun: params.getAll('dryRun').includes('All'),
    // The real server's default is Warn since 1.27.
    fieldValidation: fv === 'Strict' || fv === 'Ignore' ? fv : 'Warn',
    manager: params.get('fieldManager') ?? ua.split('/')[0] ?? 'unknown',
    ...(subresource ? { subresource } : {}),
    warnings: [],
  };
}

function respond(res: ServerResponse, code: number, body: unknown, opts?: WriteOptions): void {
  const headers: Record<string, string> = {};
  if (opts?.warnings.length) headers.Warning = opts.warnings.join(', ');
  sendJSON(res, code, body, headers);
}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  const contentType = req.headers['content-type'] ?? '';
  // Typed clients such as `kubectl create configmap` send protobuf; see protobuf.ts for what is understood.
  if (contentType.includes('protobuf')) return decodeProtobuf(await readRawBody(req));
  const text = await readBody(req);
  if (!text.trim()) throw errors.badRequest('the request body is empty');
  try {
    const type = req.headers['content-type'] ?? '';
    return type.includes('yaml') ? (YAML.parse(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (e) {
    // Where, never the text around it (a Secret's values): both parsers quote the body in their messages.
    const at = (e as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    const code = (e as { code?: unknown }).code;
    throw errors.badRequest(
      `the body of the request could not be decoded: ${at ? `yaml: line ${at.line}, column ${at.col}: ${typeof code === 'string' ? code : 'syntax error'}` : 'not valid JSON or YAML'}`,
    );
  }
}

/** The stored object (frozen: read it, or clone it before changing it). */
function getLive(ctx: SimContext, rr: ResourceRequest): KObject {
  const live = ctx.store.peek(rr.resource, rr.namespace, rr.name ?? '');
  if (!live) throw errors.notFound(rr.resource.plural, rr.resource.group, rr.name ?? '');
  return live;
}

/** The autoscaling/v1 Scale view of a workload. */
function toScale(obj: KObject): KObject {
  const m = meta(obj);
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (obj.status ?? {}) as { replicas?: number };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: {
      replicas: status.replicas ?? 0,
      selector: Object.entries(spec.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

export function listObjects(ctx: SimContext, rr: ResourceRequest, params: URLSearchParams): KObject[] {
  const match = selectorMatcher(params.get('labelSelector'), params.get('fieldSelector'));
  return ctx.store.view(rr.resource, rr.namespace).filter(match);
}

export const handleGet: ResourceHandler = (ctx, req, res, rr, params) => {
  const r = rr.resource;
  if (rr.name !== undefined) {
    const live = getLive(ctx, rr);
    const body = rr.subresource === 'scale' ? toScale(live) : live;
    sendJSON(res, 200, wantsTable(req) && !rr.subresource ? toTable(r, [live], String(ctx.store.currentRV())) : body);
    return;
  }
  const match = selectorMatcher(params.get('labelSelector'), params.get('fieldSelector'));
  const page = listPage(ctx.store, r, rr.namespace, match, params);
  const cont = page.continueToken;
  if (wantsTable(req)) {
    const table = toTable(r, page.items, page.resourceVersion);
    if (cont) (table.metadata as Record<string, unknown>).continue = cont;
    sendJSON(res, 200, table);
    return;
  }
  sendList(res, r, page.items, { resourceVersion: page.resourceVersion, ...(cont ? { continue: cont } : {}) });
};

/** A `KindList` of stored objects, their kept encodings copied in. */
function sendList(
  res: ServerResponse,
  r: ResourceRequest['resource'],
  items: readonly unknown[],
  metadata: Record<string, string>,
): void {
  sendJSONBytes(res, 200, listJSONBytes({ kind: `${r.kind}List`, apiVersion: groupVersion(r), metadata }, items));
}

export const handleCreate: ResourceHandler = async (ctx, req, res, rr, params) => {
  if (rr.name !== undefined) throw errors.methodNotAllowed();
  const body = (await parseBody(req)) as KObject;
  checkIdentity(rr.resource, body, rr.namespace);
  const opts = writeOptions(req, params);
  respond(res, 201, create(ctx, rr.resource, body, opts), opts);
};

export const handleUpdate: ResourceHandler = async (ctx, req, res, rr, params) => {
  if (rr.name === undefined) throw errors.methodNotAllowed();
  const body = (await parseBody(req)) as KObject;
  const live = getLive(ctx, rr);
  const opts = writeOptions(req, params, rr.subresource);
  if (rr.subresource === 'scale') {
    const next = structuredClone(live);
    (next.spec as Record<string, unknown>).replicas = (body.spec as { replicas?: number } | undefined)?.replicas;
    respond(res, 200, toScale(update(ctx, rr.resource, live, next, { ...opts, checkRV: false })), opts);
    return;
  }
  checkIdentity(rr.resource, body, rr.namespace, rr.name);
  respond(res, 200, update(ctx, rr.resource, live, body, { ...opts, checkRV: true }), opts);
};

export const handlePatch: ResourceHandler = async (ctx, req, res, rr, params) => {
  if (rr.name === undefined) throw errors.methodNotAllowed();
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const patch = await parseBody(req);
  const opts = writeOptions(req, params, rr.subresource);
  const r = rr.resource;
  if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json') {
    if (!params.get('fieldManager'))
      throw errors.badRequest('PATCH ' + r.plural + ': fieldManager is required for apply requests');
    const applied = patch as KObject;
    checkIdentity(r, applied, rr.namespace, rr.name);
    const live = ctx.store.peek(r, rr.namespace, rr.name);
    respond(res, live ? 200 : 201, apply(ctx, r, live, applied, { ...opts, force: flag(params, 'force') }), opts);
    return;
  }
  const live = getLive(ctx, rr);
  // The patch functions share untouched parts of the target with their result, which is then edited: a private copy.
  const target: KObject = rr.subresource === 'scale' ? toScale(live) : clone(live);
  let next: KObject;
  switch (type) {
    case 'application/merge-patch+json':
      next = mergePatch(target, patch) as KObject;
      break;
    case 'application/json-patch+json':
      next = jsonPatch(target, patch) as KObject;
      break;
    case 'application/strategic-merge-patch+json':
      next = strategicMergePatch(target, patch) as KObject;
      break;
    default:
      throw errors.unsupportedMediaType(type);
  }
  if (rr.subresource === 'scale') {
    const scaled = structuredClone(live);
    (scaled.spec as Record<string, unknown>).replicas = (next.spec as { replicas?: number } | undefined)?.replicas;
    respond(res, 200, toScale(update(ctx, r, live, scaled, { ...opts, checkRV: false })), opts);
    return;
  }
  checkIdentity(r, next, rr.namespace, rr.name);
  // A patch carrying metadata.resourceVersion is a precondition, as on the real server.
  respond(res, 200, update(ctx, r, live, next, { ...opts, checkRV: true }), opts);
};

async function deleteOptions(
  req: IncomingMessage,
  params: URLSearchParams,
): Promise<{ dryRun: boolean; policy: ReturnType<typeof propagationFrom> }> {
  const text = await readBody(req);
  const body = text.trim()
    ? (JSON.parse(text) as { propagationPolicy?: string; dryRun?: string[]; orphanDependents?: boolean })
    : {};
  return {
    dryRun: params.getAll('dryRun').includes('All') || (body.dryRun ?? []).includes('All'),
    policy: propagationFrom(params.get('propagationPolicy') ?? body.propagationPolicy, body.orphanDependents),
  };
}

export const handleDelete: ResourceHandler = async (ctx, req, res, rr, params) => {
  const { dryRun, policy } = await deleteOptions(req, params);
  const r = rr.resource;
  if (rr.name !== undefined) {
    const live = getLive(ctx, rr);
    if (dryRun) {
      sendJSON(res, 200, live);
      return;
    }
    const deleted = deleteObject(ctx, r, rr.namespace, rr.name, policy);
    // Pods and most kinds answer with the deleted object; a Status is equally valid for clients.
    sendJSON(res, 200, deleted ?? successStatus({ name: rr.name, group: r.group, kind: r.plural }));
    return;
  }
  const victims = listObjects(ctx, rr, params);
  if (!dryRun) for (const v of victims) deleteObject(ctx, r, meta(v).namespace, meta(v).name ?? '', policy);
  sendList(res, r, victims, { resourceVersion: String(ctx.store.currentRV()) });
};
