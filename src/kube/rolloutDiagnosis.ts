import type { Logger } from '../util/log';
import type { ClusterClient } from './client';
import { groupOf, itemsOf, type KubeObject } from './objects';
import { diagnosePod, type PodProblem } from './podDiagnosis';
import { builtInResource, collectionPath, objectPath } from './resources';
import type { RolloutTarget } from './rollout';
import { podSelectorOf } from './workloadStatus';

const PODS = { plural: 'pods', namespaced: true };
const EVENTS = { plural: 'events', namespaced: true };

async function listItems(
  client: ClusterClient,
  path: string,
  query: Record<string, string | undefined>,
  logger: Logger,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const answer = await client.send(
    { method: 'GET', path, query, signal },
    { verb: 'list', plural: path.split('/').pop() ?? '', group: '' },
  );
  if (!answer.ok) {
    if (answer.error.kind !== 'cancelled') logger.warn(`cannot list ${path}: ${answer.error.message}`);
    return [];
  }
  return itemsOf(answer.value.body);
}

/** A workload's pods and its namespace's Events, as read at one moment. */
export interface WorkloadPods {
  readonly pods: readonly KubeObject[];
  readonly events: readonly KubeObject[];
}

/** Reads the pods of each target and the Events of their namespaces (one list per namespace). Keyed like rolloutKey. */
export async function readWorkloadPods(
  client: ClusterClient,
  targets: readonly RolloutTarget[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<Map<string, WorkloadPods>> {
  const events = new Map<string, Promise<KubeObject[]>>();
  const eventsIn = (namespace: string): Promise<KubeObject[]> => {
    let list = events.get(namespace);
    if (!list) {
      list = listItems(client, collectionPath('v1', EVENTS, namespace), {}, logger, signal);
      events.set(namespace, list);
    }
    return list;
  };
  const entries = await Promise.all(
    targets.map(async (target) => {
      const [pods, namespaceEvents] = await Promise.all([
        podsOf(client, target, logger, signal),
        eventsIn(target.namespace),
      ]);
      return [`${target.kind}/${target.namespace}/${target.name}`, { pods, events: namespaceEvents }] as const;
    }),
  );
  return new Map(entries);
}

/** For workloads that did not become ready: each of their pods that is not ready, and why (status first, then Events). */
export async function diagnoseWorkloads(
  client: ClusterClient,
  targets: readonly RolloutTarget[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<Map<string, PodProblem[]>> {
  const observed = await readWorkloadPods(client, targets, logger, signal);
  return new Map(
    targets.map((target) => {
      const key = `${target.kind}/${target.namespace}/${target.name}`;
      const { pods, events } = observed.get(key) ?? { pods: [], events: [] };
      const problems = pods.map((pod) => diagnosePod(pod, events)).filter((p): p is PodProblem => p !== undefined);
      return [key, problems.length > 0 || pods.length > 0 ? problems : [noPods(target)]];
    }),
  );
}

async function podsOf(
  client: ClusterClient,
  target: RolloutTarget,
  logger: Logger,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const resource = builtInResource(target.apiVersion, target.kind);
  if (!resource) return [];
  const path = objectPath(target.apiVersion, resource, target.name, target.namespace);
  const answer = await client.send(
    { method: 'GET', path, signal },
    {
      verb: 'get',
      plural: resource.plural,
      group: groupOf(target.apiVersion),
      namespace: target.namespace,
      name: target.name,
    },
  );
  if (!answer.ok) {
    if (answer.error.kind !== 'cancelled')
      logger.warn(`cannot read ${target.kind} ${target.namespace}/${target.name}: ${answer.error.message}`);
    return [];
  }
  const selector = podSelectorOf(answer.value.body as KubeObject);
  if (selector === undefined) return [];
  return listItems(client, collectionPath('v1', PODS, target.namespace), { labelSelector: selector }, logger, signal);
}

function noPods(target: RolloutTarget): PodProblem {
  return {
    pod: '(none)',
    reason: 'pending',
    message: `${target.kind} ${target.name} has no pods yet (check its ReplicaSet events and quotas)`,
  };
}
