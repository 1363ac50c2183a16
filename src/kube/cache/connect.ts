import { ok, type Result } from '../../util/result';
import type { ClusterClient } from '../client';
import type { ClusterTarget, KubeconfigRequest } from '../kubeconfig';
import { openCluster } from '../session';
import { ClusterCache } from './clusterCache';
import type { BackoffOptions } from './resourceWatch';
import { slimObject } from './store';
import { ClusterWatchTransport } from './watchTransport';

/** A connected context: the cache that watches it, and the client for one-off requests (logs, scale, delete). */
export interface LiveSession {
  readonly target: ClusterTarget;
  readonly client: ClusterClient;
  readonly cache: ClusterCache;
  dispose(): void;
}

export type SessionOpener = (request: KubeconfigRequest) => Promise<Result<LiveSession>>;

/** Opens a context for watching. Nothing is sent until `cache.start()`. */
export async function openLiveSession(
  request: KubeconfigRequest,
  backoff?: BackoffOptions,
): Promise<Result<LiveSession>> {
  // Watches stream on their own sockets; this bound is for LISTs and actions, which may run many at once on a relist.
  const session = await openCluster(request, { maxSockets: 32 });
  if (!session.ok) return session;
  const { target, client } = session.value;
  const cache = new ClusterCache(cacheTransport(client), backoff);
  return ok({
    target,
    client,
    cache,
    dispose: () => {
      cache.dispose();
      session.value.dispose();
    },
  });
}

/** The watch cache's transport: what it lists is slimmed as each item is parsed, as the cache would slim it. */
export function cacheTransport(client: ClusterClient): ClusterWatchTransport {
  return new ClusterWatchTransport(client, undefined, slimObject);
}
