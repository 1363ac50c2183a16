import { isRecord, type KubeObject } from './objects';

export type PodProblemReason =
  'image-pull' | 'crash-loop' | 'probe' | 'unbound-pvc' | 'unschedulable' | 'pending' | 'not-ready';

/** Why one pod is not ready, in words a user can act on. */
export interface PodProblem {
  readonly pod: string;
  readonly reason: PodProblemReason;
  readonly message: string;
}

type Rec = Record<string, unknown>;
const recs = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/** Events about one pod, newest first. */
export function eventsFor(pod: KubeObject, events: readonly KubeObject[]): KubeObject[] {
  const about = events.filter(
    (e) => isRecord(e.involvedObject) && e.involvedObject.kind === 'Pod' && e.involvedObject.name === pod.metadata.name,
  );
  const time = (e: KubeObject): string => str(e.lastTimestamp) || str(e.eventTime) || str(e.metadata.creationTimestamp);
  return about.sort((a, b) => (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : 0));
}

/** Reads pod status, then its Events, for the first reason that explains why it is not ready. */
export function diagnosePod(pod: KubeObject, events: readonly KubeObject[]): PodProblem | undefined {
  const status: Rec = isRecord(pod.status) ? pod.status : {};
  const conditions = recs(status.conditions);
  if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) return undefined;
  const name = pod.metadata.name;
  const own = eventsFor(pod, events);
  return (
    containerProblem(name, [...recs(status.initContainerStatuses), ...recs(status.containerStatuses)], own) ??
    schedulingProblem(pod, conditions, own) ??
    probeProblem(name, own) ??
    warningProblem(name, status, own) ?? {
      pod: name,
      reason: str(status.phase) === 'Pending' ? 'pending' : 'not-ready',
      message: `${str(status.phase) || 'unknown phase'}, not ready`,
    }
  );
}

function containerProblem(pod: string, statuses: Rec[], events: KubeObject[]): PodProblem | undefined {
  for (const container of statuses) {
    const state = isRecord(container.state) ? container.state : {};
    const waiting = isRecord(state.waiting) ? state.waiting : undefined;
    const reason = str(waiting?.reason);
    const cname = str(container.name);
    if (IMAGE_PULL.has(reason)) {
      const detail = str(waiting?.message) || str(events.find((e) => e.reason === 'Failed')?.message);
      return {
        pod,
        reason: 'image-pull',
        message: `container ${cname} cannot pull image ${str(container.image)} (${reason}${detail ? `: ${detail}` : ''})`,
      };
    }
    if (reason === 'CrashLoopBackOff')
      return { pod, reason: 'crash-loop', message: crashLoopMessage(container, events) };
  }
  return undefined;
}

function crashLoopMessage(container: Rec, events: KubeObject[]): string {
  const last =
    isRecord(container.lastState) && isRecord(container.lastState.terminated)
      ? container.lastState.terminated
      : undefined;
  const exit = last ? `; last exit code ${String(last.exitCode)}${last.reason ? ` (${str(last.reason)})` : ''}` : '';
  const liveness = events.find((e) => e.reason === 'Unhealthy' && /liveness/i.test(str(e.message)));
  const cause = liveness ? `; ${str(liveness.message)}` : '';
  return `container ${str(container.name)} is crash-looping (restarted ${typeof container.restartCount === 'number' ? container.restartCount : 0} times${exit}${cause})`;
}

function schedulingProblem(pod: KubeObject, conditions: Rec[], events: KubeObject[]): PodProblem | undefined {
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  const failedScheduling = events.find((e) => e.reason === 'FailedScheduling');
  if (scheduled?.status !== 'False' && !failedScheduling) return undefined;
  const message = str(scheduled?.message) || str(failedScheduling?.message) || 'cannot be scheduled';
  const name = pod.metadata.name;
  if (/PersistentVolumeClaim/i.test(message)) {
    const spec = isRecord(pod.spec) ? pod.spec : {};
    const claims = recs(spec.volumes)
      .map((v) => (isRecord(v.persistentVolumeClaim) ? str(v.persistentVolumeClaim.claimName) : ''))
      .filter(Boolean);
    return {
      pod: name,
      reason: 'unbound-pvc',
      message: `waiting for PersistentVolumeClaim ${claims.join(', ') || '(unnamed)'} to be bound: ${message}`,
    };
  }
  return { pod: name, reason: 'unschedulable', message: `cannot be scheduled: ${message}` };
}

function probeProblem(pod: string, events: KubeObject[]): PodProblem | undefined {
  const unhealthy = events.find((e) => e.reason === 'Unhealthy');
  return unhealthy ? { pod, reason: 'probe', message: `probe failing: ${str(unhealthy.message)}` } : undefined;
}

function warningProblem(pod: string, status: Rec, events: KubeObject[]): PodProblem | undefined {
  const warning = events.find((e) => e.type === 'Warning');
  if (!warning) return undefined;
  return {
    pod,
    reason: str(status.phase) === 'Pending' ? 'pending' : 'not-ready',
    message: `${str(warning.reason)}: ${str(warning.message)}`,
  };
}
