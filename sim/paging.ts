// Paged LIST (`limit` / `continue`), as the API server answers it: a page of at most `limit` objects in key
// order, and a `continue` token naming the resourceVersion of the first page and the last key served. The next
// page starts after that key, so objects created or deleted between pages neither repeat nor shift the rest,
// and every page carries the first page's resourceVersion (a client watches from it and sees every later change).
// Simplified: a real server reads later pages from the etcd snapshot at that revision; here they show the
// objects as they are now (a newer state, which the watch from the first page's revision then confirms).
// A token older than the kept history gets 410 Expired, like a continue token past etcd's compaction.
import { errors } from './status';
import type { ResourceType } from './resources';
import type { KObject, ObjectStore } from './store';

interface ContinueToken {
  readonly rv: number;
  readonly start: string;
}

function encodeToken(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString()) as Partial<ContinueToken>;
    if (typeof token.rv === 'number' && typeof token.start === 'string') return { rv: token.rv, start: token.start };
  } catch {
    // falls through to the error below
  }
  throw errors.badRequest('continue key is not valid: the token was not issued by this server');
}

export interface Page {
  readonly items: KObject[];
  readonly resourceVersion: string;
  readonly continueToken?: string;
}

/** One page of the objects `match` accepts; all of them when `limit` is 0 and no token is given. */
export function listPage(
  store: ObjectStore,
  r: ResourceType,
  namespace: string | undefined,
  match: (object: KObject) => boolean,
  params: URLSearchParams,
): Page {
  const limit = Number(params.get('limit') ?? 0);
  if (!Number.isInteger(limit) || limit < 0)
    throw errors.badRequest(`limit must be a whole number, got "${params.get('limit')}"`);
  const given = params.get('continue');
  const token = given ? decodeToken(given) : { rv: store.currentRV(), start: '' };
  if (given && token.rv < store.oldestResumableRV())
    throw errors.gone(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
  const items: KObject[] = [];
  let lastKey = '';
  for (const [key, object] of store.viewAfter(r, namespace, token.start)) {
    if (!match(object)) continue;
    if (limit > 0 && items.length === limit)
      return { items, resourceVersion: String(token.rv), continueToken: encodeToken({ rv: token.rv, start: lastKey }) };
    items.push(object);
    lastKey = key;
  }
  return { items, resourceVersion: String(token.rv) };
}
