// The simulator's one user is an administrator unless a test denies it some access (faults.denyAccess): then
// SelfSubjectAccessReview answers "not allowed" for it and the request itself gets the real 403 Forbidden, so the
// two never disagree. Simplified: no RBAC objects are evaluated; RBAC objects stored here grant nothing.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type AccessDenial, type SimContext } from './context';
import { readBody, readRawBody, sendJSON } from './http-util';
import { decodeProtobuf } from './protobuf';
import { type ResourceRequest } from './router';
import { SimError, errors } from './status';

interface Attributes {
  verb: string;
  resource: string;
  group: string;
  namespace?: string;
}

function denies(d: AccessDenial, a: Attributes): boolean {
  return (
    d.verb === a.verb &&
    (d.resource === a.resource || d.resource === '*') &&
    (d.group === undefined || d.group === a.group) &&
    (d.namespace === undefined || d.namespace === a.namespace)
  );
}

export function isDenied(ctx: SimContext, a: Attributes): boolean {
  return ctx.faults.denials.some((d) => denies(d, a));
}

const USER = 'system:serviceaccount:starter-sim:user';

/** The verb a REST request needs, as the real authorizer names it. */
export function requestVerb(method: string, rr: ResourceRequest, watch: boolean): string {
  switch (method) {
    case 'GET':
      return watch ? 'watch' : rr.name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return rr.name === undefined ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}

/** Throws the real 403 when the request is denied. */
export function authorize(ctx: SimContext, verb: string, rr: ResourceRequest): void {
  const resource = rr.subresource ? `${rr.resource.plural}/${rr.subresource}` : rr.resource.plural;
  const a = { verb, resource: rr.resource.plural, group: rr.resource.group, namespace: rr.namespace };
  if (!isDenied(ctx, a)) return;
  const scope = rr.namespace !== undefined ? ` in the namespace "${rr.namespace}"` : ' at the cluster scope';
  const group = rr.resource.group ? `"${rr.resource.group}"` : '""';
  throw new SimError(
    403,
    'Forbidden',
    `${resource}${rr.name ? ` "${rr.name}"` : ''} is forbidden: User "${USER}" cannot ${verb} resource "${resource}" in API group ${group}${scope}`,
  );
}

/** POST selfsubjectaccessreviews: answered from the denials, never stored (as on the real server). */
export async function handleSelfSubjectAccessReview(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let body: unknown;
  try {
    const protobuf = (req.headers['content-type'] ?? '').includes('protobuf');
    body = protobuf ? decodeProtobuf(await readRawBody(req)) : JSON.parse(await readBody(req));
  } catch (e) {
    if (e instanceof SimError) throw e;
    throw errors.badRequest('the body of a SelfSubjectAccessReview must be JSON');
  }
  const spec = (body as { spec?: { resourceAttributes?: Record<string, unknown> } } | null)?.spec;
  const ra = spec?.resourceAttributes;
  if (!ra || typeof ra.verb !== 'string' || typeof ra.resource !== 'string')
    throw errors.badRequest(
      'SelfSubjectAccessReview: spec.resourceAttributes.verb and .resource are required (starter-sim answers resource attributes only)',
    );
  const a: Attributes = {
    verb: ra.verb,
    resource: ra.resource,
    group: typeof ra.group === 'string' ? ra.group : '',
    ...(typeof ra.namespace === 'string' && ra.namespace ? { namespace: ra.namespace } : {}),
  };
  const allowed = !isDenied(ctx, a);
  sendJSON(res, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: allowed
      ? { allowed: true, reason: 'starter-sim: the simulator user may do everything' }
      : { allowed: false },
  });
}
