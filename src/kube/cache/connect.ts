import { err, ok, type Result } from '../../util/result';
import type { ClusterClient } from '../client';
import type { ClusterTarget, KubeconfigRequest } from '../kubeconfig';
import { openCluster } from '../session';
import { ClusterCache } from './clusterCache';
import { openHttpTransport } from './httpTransport';
import type { BackoffOptions } from './resourceWatch';

/** A connected context: the cache that watches it, and the client for one-off requests (logs, scale, delete). */
export interface LiveSession {
  readonly target: ClusterTarget;
  readonly client: ClusterClient;
  readonly cache: ClusterCache;
  dispose(): void;
}

export type SessionOpener = (request: KubeconfigRequest) => Promise<Result<LiveSession>>;

/** Opens a context for watching. Nothing is sent until `cache.start()`. */
export async function openLiveSession(request: KubeconfigRequest, backoff?: BackoffOptions): Promise<Result<LiveSession>> {
  // Watches hold their own sockets; these are for LISTs and actions, which may run many at once on a relist.
  const session = await openCluster(request, { maxSockets: 32 });
  if (!session.ok) return session;
  const { target, client } = session.value;
  const transport = await openHttpTransport(client, target);
  if (!transport.ok) {
    session.value.dispose();
    return err(transport.error);
  }
  const cache = new ClusterCache(transport.value, backoff);
  return ok({
    target,
    client,
    cache,
    dispose: () => {
      cache.dispose();
      transport.value.dispose();
      session.value.dispose();
    },
  });
}
