// Simulator-only control endpoint (not part of the Kubernetes API; it needs the simulator's token like any
// request): POST /starter-sim/v1/images/load {"images": [...], "nodes"?: [...]} puts images onto the simulated
// nodes, the way `kind load docker-image`, `minikube image load` or `k3d image import` do on a real cluster.
// Test fakes of those tools (and of docker, for Docker Desktop, whose cluster shares Docker's image store) call it.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type SimContext } from './context';
import { readBody, sendJSON } from './http-util';
import { loadImagesOntoNodes } from './imageLoad';
import { errors } from './status';

export const CONTROL_PREFIX = '/starter-sim/v1/';
const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:@]{0,254}$/i;
const MAX_IMAGES = 100;

function stringList(value: unknown, field: string, pattern: RegExp): string[] {
  if (
    !Array.isArray(value) ||
    value.length > MAX_IMAGES ||
    !value.every((v): v is string => typeof v === 'string' && pattern.test(v))
  ) {
    throw errors.badRequest(
      `starter-sim control: "${field}" must be a list of at most ${MAX_IMAGES} image references or node names`,
    );
  }
  return value;
}

export async function handleControl(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
): Promise<void> {
  if (path !== `${CONTROL_PREFIX}images/load`) throw errors.pathNotFound();
  if (method !== 'POST') throw errors.methodNotAllowed();
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(await readBody(req));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    throw errors.badRequest('starter-sim control: the body must be a JSON object {"images": [...]}');
  }
  const images = stringList(body.images, 'images', IMAGE_REF);
  const nodes = body.nodes === undefined ? undefined : stringList(body.nodes, 'nodes', /^[a-z0-9][a-z0-9.-]{0,252}$/);
  const unknown = (nodes ?? []).filter((n) => !ctx.nodeNames.includes(n));
  if (unknown.length)
    throw errors.badRequest(
      `starter-sim control: no node named ${unknown.join(', ')} (nodes: ${ctx.nodeNames.join(', ')})`,
    );
  const loadedOnto = loadImagesOntoNodes(ctx, images, nodes);
  sendJSON(res, 200, {
    images,
    nodes: loadedOnto,
    note: 'starter-sim test double: images are listed on the simulated nodes; nothing was transferred',
  });
}
