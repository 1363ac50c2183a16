import type { Logger } from '../util/log';
import type { ClusterClient } from './client';
import { groupOf, itemsOf, type KubeObject } from './objects';
import { diagnosePod, type PodProblem } from './podDiagnosis';
import { builtInResource, collectionPath, objectPath } from './resources';
import type { RolloutTarget } from './rollout';
import { podSelectorOf } from './workloadStatus';

const PODS = { plural: 'pods', namespaced: true };
const EVENTS = { plural: 'events', namespaced: true };

async function listItems(client: ClusterClient, path: string, query: Record<string, string | undefined>, logger: Logger): Promise<KubeObject[]> {
  const answer = await client.send({ method: 'GET', path, query }, { verb: 'list', plural: path.split('/').pop() ?? '', group: '' });
  if (!answer.ok) {
    logger.warn(`cannot list ${path}: ${answer.error.message}`);
    return [];
  }
  return itemsOf(answer.value.body);
}

/** For workloads that did not become ready: each of their pods that is not ready, and why (status first, then Events). */
export async function diagnoseWorkloads(client: ClusterClient, targets: readonly RolloutTarget[], logger: Logger): Promise<Map<string, PodProblem[]>> {
  const events = new Map<string, Promise<KubeObject[]>>();
  const eventsIn = (namespace: string): Promise<KubeObject[]> => {
    let list = events.get(namespace);
    if (!list) {
      list = listItems(client, collectionPath('v1', EVENTS, namespace), {}, logger);
      events.set(namespace, list);
    }
    return list;
  };
  const entries = await Promise.all(
    targets.map(async (target) => {
      const pods = await podsOf(client, target, logger);
      const namespaceEvents = await eventsIn(target.namespace);
      const problems = pods.map((pod) => diagnosePod(pod, namespaceEvents)).filter((p): p is PodProblem => p !== undefined);
      return [`${target.kind}/${target.namespace}/${target.name}`, problems.length > 0 || pods.length > 0 ? problems : [noPods(target)]] as const;
    }),
  );
  return new Map(entries);
}

async function podsOf(client: ClusterClient, target: RolloutTarget, logger: Logger): Promise<KubeObject[]> {
  const resource = builtInResource(target.apiVersion, target.kind);
  if (!resource) return [];
  const path = objectPath(target.apiVersion, resource, target.name, target.namespace);
  const answer = await client.send({ method: 'GET', path }, { verb: 'get', plural: resource.plural, group: groupOf(target.apiVersion), namespace: target.namespace, name: target.name });
  if (!answer.ok) {
    logger.warn(`cannot read ${target.kind} ${target.namespace}/${target.name}: ${answer.error.message}`);
    return [];
  }
  const selector = podSelectorOf(answer.value.body as KubeObject);
  if (selector === undefined) return [];
  return listItems(client, collectionPath('v1', PODS, target.namespace), { labelSelector: selector }, logger);
}

function noPods(target: RolloutTarget): PodProblem {
  return { pod: '(none)', reason: 'pending', message: `${target.kind} ${target.name} has no pods yet (check its ReplicaSet events and quotas)` };
}
