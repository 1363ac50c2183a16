import { err, ok, type Result } from '../util/result';
import { own } from '../util/own';
import { WATCHED_KINDS } from './cache/kinds';
import { WORKLOAD_KINDS, type WorkloadKind, type WorkloadRef } from './cache/ownership';
import type { ClusterClient } from './client';
import type { ApiFailure } from './failures';
import { FIELD_MANAGER, isRecord } from './objects';
import { objectPath } from './resources';

// One-off actions on live objects, shared by the editor's commands and the CLI. Each is one API request.

export type ScalableKind = Exclude<WorkloadKind, 'DaemonSet'>;
export const SCALABLE_KINDS: readonly ScalableKind[] = ['Deployment', 'StatefulSet'];
/** The Deployment controller and HPAs cap nothing, but a typo like 10000 should not reach the cluster. */
export const MAX_REPLICAS = 1000;
/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export interface PodTarget {
  readonly namespace: string;
  readonly name: string;
}

/** Deletes a pod; its controller (if any) starts a replacement. */
export async function deletePod(client: ClusterClient, pod: PodTarget): Promise<Result<void, ApiFailure>> {
  const info = WATCHED_KINDS.Pod;
  const answer = await client.send(
    { method: 'DELETE', path: objectPath(info.apiVersion, info, pod.name, pod.namespace) },
    { verb: 'delete', plural: info.plural, group: '', namespace: pod.namespace, name: pod.name },
  );
  return answer.ok ? ok(undefined) : answer;
}

/** What `kubectl rollout restart` does: a new pod-template annotation makes the controller replace every pod. */
export async function restartRollout(
  client: ClusterClient,
  target: WorkloadRef,
  now = new Date(),
): Promise<Result<void, ApiFailure>> {
  const info = WATCHED_KINDS[target.kind];
  const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString() } } } } };
  const answer = await client.send(
    {
      method: 'PATCH',
      path: objectPath(info.apiVersion, info, target.name, target.namespace),
      body,
      contentType: 'application/strategic-merge-patch+json',
      query: { fieldManager: FIELD_MANAGER },
    },
    { verb: 'patch', plural: info.plural, group: 'apps', namespace: target.namespace, name: target.name },
  );
  return answer.ok ? ok(undefined) : answer;
}

/** Sets replicas through the scale subresource; answers the replica count the server had before. */
export async function scaleWorkload(
  client: ClusterClient,
  target: WorkloadRef & { kind: ScalableKind },
  replicas: number,
): Promise<Result<{ previous?: number }, ApiFailure>> {
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
    return err({
      kind: 'invalid',
      fatal: false,
      message: `replicas must be a whole number from 0 to ${MAX_REPLICAS}, got ${replicas}`,
    });
  }
  const info = WATCHED_KINDS[target.kind];
  const path = `${objectPath(info.apiVersion, info, target.name, target.namespace)}/scale`;
  const description = {
    verb: 'patch',
    plural: `${info.plural}/scale`,
    group: 'apps',
    namespace: target.namespace,
    name: target.name,
  };
  const before = await client.send({ method: 'GET', path }, { ...description, verb: 'get' });
  if (!before.ok) return before;
  const answer = await client.send(
    {
      method: 'PATCH',
      path,
      body: { spec: { replicas } },
      contentType: 'application/merge-patch+json',
      query: { fieldManager: FIELD_MANAGER },
    },
    description,
  );
  if (!answer.ok) return answer;
  const spec = isRecord(before.value.body) && isRecord(before.value.body.spec) ? before.value.body.spec : {};
  return ok(typeof spec.replicas === 'number' ? { previous: spec.replicas } : {});
}

// kubectl's names for the workload kinds: `deployment`, `deploy`, `deployments`, `deployment.apps` …
const KIND_ALIASES: Readonly<Record<string, WorkloadKind>> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  ds: 'DaemonSet',
};

/** Reads `KIND/NAME` as kubectl writes it (`deployment/web`, `deploy/web`, `statefulset.apps/db`). */
export function parseWorkloadRef(
  text: string,
  namespace: string,
  allowed: readonly WorkloadKind[] = WORKLOAD_KINDS,
): Result<WorkloadRef> {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1)
    return err(`expected KIND/NAME (e.g. deployment/node-api), got "${text}"`);
  const kindText = text
    .slice(0, slash)
    .toLowerCase()
    .replace(/\.apps$/, '');
  const name = text.slice(slash + 1);
  const kind = own(KIND_ALIASES, kindText);
  if (!kind || !allowed.includes(kind))
    return err(`"${text.slice(0, slash)}" is not one of ${allowed.map((k) => k.toLowerCase()).join(', ')}`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return err(`"${name}" is not a valid object name`);
  return ok({ kind, namespace, name });
}
