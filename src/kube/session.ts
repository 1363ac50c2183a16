import type { IDisposable } from '../util/disposable';
import { err, ok, type Result } from '../util/result';
import { ClusterClient } from './client';
import { resolveClusterTarget, type ClusterTarget, type KubeconfigRequest } from './kubeconfig';
import { connect } from './transport';

/** A chosen context with its connection open: what apply, rollout and delete work on. */
export interface ClusterSession extends IDisposable {
  readonly target: ClusterTarget;
  readonly client: ClusterClient;
}

/** Loads the kubeconfig, picks the context and connects. Nothing is sent to the cluster yet. */
export async function openCluster(
  request: KubeconfigRequest,
  options: { maxSockets?: number } = {},
): Promise<Result<ClusterSession>> {
  const target = await resolveClusterTarget(request);
  if (!target.ok) return target;
  const http = await connect(target.value, options);
  if (!http.ok) return err(http.error.message);
  const client = new ClusterClient(http.value);
  return ok({ target: target.value, client, dispose: () => client.dispose() });
}
