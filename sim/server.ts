// The HTTP front of the simulator: authentication, fault injection, and dispatch to discovery,
// OpenAPI, REST, watch, logs and proxy handlers.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { authorize, handleSelfSubjectAccessReview, requestVerb } from './access';
import { type SimContext } from './context';
import { CONTROL_PREFIX, handleControl } from './control';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { matchRule } from './faults';
import { sendError, sendJSON, flag, sleep } from './http-util';
import { openapiFor, openapiRoot } from './openapi';
import { handleCreate, handleDelete, handleGet, handlePatch, handleUpdate } from './rest';
import { parseResourcePath, type ResourceHandler } from './router';
import { errors } from './status';
import { handleWatch } from './watch';

export interface ServerDeps {
  ctx: SimContext;
  token: string;
  address: () => string;
  /** Extra subresource handlers (logs, proxy) registered by later modules. */
  subresources: Record<string, ResourceHandler>;
}

/** Like the real server, health and version are readable without credentials. */
const PUBLIC = new Set(['/healthz', '/readyz', '/livez', '/version']);

export function createHandler(deps: ServerDeps) {
  const { ctx } = deps;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
      if (ctx.faults.frozen === 'silent') return;
      if (ctx.faults.frozen === 'acting') swallowAnswer(res);
      const injected = matchRule(ctx.faults, method, url.pathname);
      if (injected) throw injected;
      if (!PUBLIC.has(url.pathname) && req.headers.authorization !== `Bearer ${deps.token}`)
        throw errors.unauthorized();
      await route(deps, req, res, url, method);
    } catch (err) {
      sendError(res, err);
    }
  };
}

/** A frozen server that still acts: whatever the handlers write is dropped and the connection stays open. */
function swallowAnswer(res: ServerResponse): void {
  res.writeHead = () => res;
  res.setHeader = () => res;
  res.write = () => true;
  res.end = () => res;
  res.flushHeaders = () => undefined;
}

async function route(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
): Promise<void> {
  const { ctx } = deps;
  const p = url.pathname.replace(/\/+$/, '') || '/';
  const params = url.searchParams;
  if (p === '/healthz' || p === '/readyz' || p === '/livez') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return;
  }
  if (method === 'GET') {
    if (p === '/version') return sendJSON(res, 200, versionInfo());
    if (p === '/api') return sendJSON(res, 200, apiVersions(deps.address()));
    if (p === '/apis') return sendJSON(res, 200, apiGroupList());
    if (p === '/openapi/v3') return sendJSON(res, 200, openapiRoot());
    if (p.startsWith('/openapi/v3/')) {
      const doc = openapiFor(p);
      if (!doc) throw errors.pathNotFound();
      return sendJSON(res, 200, doc, { ETag: `"${params.get('hash') ?? ''}"` });
    }
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)(?:\/([^/]+))?)$/.exec(p);
    if (gv) {
      const doc = gv[1] ? apiResourceList('', 'v1') : gv[3] ? apiResourceList(gv[2]!, gv[3]) : apiGroup(gv[2]!);
      if (!doc) throw errors.pathNotFound();
      return sendJSON(res, 200, doc);
    }
  }
  if (p.startsWith(CONTROL_PREFIX)) return handleControl(ctx, req, res, p, method);
  const rr = parseResourcePath(url.pathname);
  if (!rr) throw errors.pathNotFound();
  authorize(ctx, requestVerb(method, rr, rr.legacyWatch || flag(params, 'watch')), rr);
  if (rr.resource.kind === 'SelfSubjectAccessReview') {
    if (method !== 'POST' || rr.name !== undefined) throw errors.methodNotAllowed();
    return handleSelfSubjectAccessReview(ctx, req, res);
  }
  const sub = rr.subresource ? deps.subresources[rr.subresource] : undefined;
  if (sub) return sub(ctx, req, res, rr, params);
  switch (method) {
    case 'GET':
      if (rr.legacyWatch || flag(params, 'watch')) return handleWatch(ctx, req, res, rr, params);
      return handleGet(ctx, req, res, rr, params);
    case 'POST':
      return handleCreate(ctx, req, res, rr, params);
    case 'PUT':
      return handleUpdate(ctx, req, res, rr, params);
    case 'PATCH':
      return handlePatch(ctx, req, res, rr, params);
    case 'DELETE':
      return handleDelete(ctx, req, res, rr, params);
    default:
      throw errors.methodNotAllowed();
  }
}
