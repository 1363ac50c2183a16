import { isRecord, type KubeObject } from './objects';

export const ROLLOUT_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type RolloutKind = (typeof ROLLOUT_KINDS)[number];

export function isRolloutKind(kind: string): kind is RolloutKind {
  return (ROLLOUT_KINDS as readonly string[]).includes(kind);
}

/** Whether a workload has finished rolling out, and if not, what it is waiting for (as `kubectl rollout status` says it). */
export interface RolloutState {
  readonly ready: boolean;
  readonly message: string;
  /** The rollout cannot finish by waiting (progress deadline exceeded). */
  readonly failed?: boolean;
}

const num = (value: unknown, fallback = 0): number => (typeof value === 'number' ? value : fallback);
const fields = (object: KubeObject, key: 'spec' | 'status'): Record<string, unknown> =>
  isRecord(object[key]) ? object[key] : {};

function observed(object: KubeObject): RolloutState | undefined {
  const generation = num(object.metadata.generation, 0);
  const observedGeneration = num(fields(object, 'status').observedGeneration, -1);
  return observedGeneration < generation
    ? { ready: false, message: 'waiting for the controller to observe the new spec' }
    : undefined;
}

export function deploymentState(deployment: KubeObject): RolloutState {
  const status = fields(deployment, 'status');
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Record<string, unknown>[]) : [];
  // As kubectl rollout status: a deadline condition read before the controller saw the new spec is the last rollout's.
  const pending = observed(deployment);
  if (pending) return pending;
  if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
    return { ready: false, failed: true, message: 'progress deadline exceeded' };
  }
  const wanted = num(fields(deployment, 'spec').replicas, 1);
  const updated = num(status.updatedReplicas);
  const available = num(status.availableReplicas);
  const total = num(status.replicas);
  if (updated < wanted) return { ready: false, message: `${updated} of ${wanted} replicas updated` };
  if (total > updated) return { ready: false, message: `${total - updated} old replicas pending termination` };
  if (available < updated) return { ready: false, message: `${available} of ${updated} replicas available` };
  return { ready: true, message: `${available} of ${wanted} replicas available` };
}

export function statefulSetState(statefulSet: KubeObject): RolloutState {
  const pending = observed(statefulSet);
  if (pending) return pending;
  const status = fields(statefulSet, 'status');
  const wanted = num(fields(statefulSet, 'spec').replicas, 1);
  const ready = num(status.readyReplicas);
  if (ready < wanted) return { ready: false, message: `${ready} of ${wanted} replicas ready` };
  if (
    typeof status.updateRevision === 'string' &&
    typeof status.currentRevision === 'string' &&
    status.updateRevision !== status.currentRevision
  ) {
    return { ready: false, message: `${num(status.updatedReplicas)} of ${wanted} replicas updated` };
  }
  return { ready: true, message: `${ready} of ${wanted} replicas ready` };
}

export function daemonSetState(daemonSet: KubeObject): RolloutState {
  const pending = observed(daemonSet);
  if (pending) return pending;
  const status = fields(daemonSet, 'status');
  const desired = num(status.desiredNumberScheduled);
  const updated = num(status.updatedNumberScheduled);
  const available = num(status.numberAvailable);
  if (updated < desired) return { ready: false, message: `${updated} of ${desired} pods updated` };
  if (available < desired) return { ready: false, message: `${available} of ${desired} pods available` };
  return { ready: true, message: `${available} of ${desired} pods available` };
}

export function rolloutState(object: KubeObject): RolloutState {
  switch (object.kind) {
    case 'Deployment':
      return deploymentState(object);
    case 'StatefulSet':
      return statefulSetState(object);
    case 'DaemonSet':
      return daemonSetState(object);
    default:
      return { ready: true, message: 'not a workload' };
  }
}

/** `a=b,c=d` from a workload's `spec.selector.matchLabels`, to find its pods. */
export function podSelectorOf(workload: KubeObject): string | undefined {
  const selector = fields(workload, 'spec').selector;
  const labels = isRecord(selector) && isRecord(selector.matchLabels) ? selector.matchLabels : undefined;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
}
