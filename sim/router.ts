// Parses Kubernetes REST paths into the resource, namespace, name and subresource they address:
//   /api/v1/namespaces/NS/pods/NAME/log      /apis/apps/v1/namespaces/NS/deployments/NAME/scale
//   /api/v1/watch/namespaces/NS/pods          (legacy watch paths, same as ?watch=1)
//   /api/v1/namespaces/NS/services/NAME:PORT/proxy/REST...
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { type ResourceType, findByPlural } from './resources';
import { errors } from './status';

export interface ResourceRequest {
  resource: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Everything after `/proxy` for proxy subresources (starts with '/', may be ''). */
  proxyPath?: string;
  legacyWatch: boolean;
}

/** What serves one resource request: a REST verb, a watch, or a subresource (logs, proxy). */
export type ResourceHandler = (
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  params: URLSearchParams,
) => Promise<void> | void;

export function parseResourcePath(pathname: string): ResourceRequest | undefined {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return undefined;

  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // `namespaces/NS/<plural>...` addresses a namespaced collection; `namespaces/NS` alone is the Namespace object.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...tail] = rest;
  if (!plural) return undefined;
  const resource = findByPlural(group, version, plural);
  if (!resource) throw errors.pathNotFound();
  if (namespace !== undefined && !resource.namespaced) throw errors.pathNotFound();
  if (subresource && !resource.subresources.includes(subresource)) throw errors.pathNotFound();
  const req: ResourceRequest = { resource, legacyWatch };
  if (namespace !== undefined) req.namespace = namespace;
  if (name !== undefined) req.name = name;
  if (subresource !== undefined) req.subresource = subresource;
  if (subresource === 'proxy') {
    // Keep the raw (encoded) remainder and a trailing slash exactly as sent.
    req.proxyPath = /\/services\/[^/]+\/proxy(\/.*)?$/.exec(pathname)?.[1] ?? '';
  } else if (tail.length) throw errors.pathNotFound();
  return req;
}
