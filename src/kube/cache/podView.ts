import type { KubeObject } from '../objects';
import { num, rec, recs, str, type Rec } from './fields';
import {
  containerSpecs,
  livenessStatus,
  probeEventsFor,
  readinessStatus,
  type ProbeEvent,
  type ProbeStatus,
} from './probes';

export type Health = 'ok' | 'warning' | 'error' | 'pending' | 'done';
export type ContainerProblemKind = 'image-pull' | 'crash-loop' | 'readiness' | 'liveness';

/** Why one container is unhealthy, with which part of its spec is to blame. */
export interface ContainerProblem {
  readonly kind: ContainerProblemKind;
  readonly message: string;
}

export interface ContainerView {
  readonly name: string;
  readonly image: string;
  readonly state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** Waiting/terminated reason: CrashLoopBackOff, ImagePullBackOff, Completed… */
  readonly stateReason?: string;
  readonly ready: boolean;
  readonly restarts: number;
  readonly lastTermination?: { readonly reason: string; readonly exitCode?: number; readonly at?: string };
  readonly readiness: ProbeStatus;
  readonly liveness: ProbeStatus;
  readonly problem?: ContainerProblem;
}

export interface PodView {
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  /** Shown instead of the phase when more telling: Terminating, CrashLoopBackOff, ImagePullBackOff. */
  readonly reason?: string;
  /** Of `containers`. */
  readonly readyContainers: number;
  readonly restarts: number;
  readonly createdAt?: string;
  readonly node?: string;
  readonly podIP?: string;
  readonly health: Health;
  readonly containers: readonly ContainerView[];
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

function containerState(status: Rec | undefined): Pick<ContainerView, 'state' | 'stateReason'> {
  const state = rec(status?.state);
  if (state.running !== undefined) return { state: 'running' };
  if (state.waiting !== undefined)
    return { state: 'waiting', stateReason: str(rec(state.waiting).reason) || undefined };
  if (state.terminated !== undefined)
    return { state: 'terminated', stateReason: str(rec(state.terminated).reason) || undefined };
  return { state: 'unknown' };
}

function lastTermination(status: Rec | undefined): ContainerView['lastTermination'] {
  const terminated = rec(rec(status?.lastState).terminated);
  if (status === undefined || rec(status.lastState).terminated === undefined) return undefined;
  return {
    reason: str(terminated.reason) || 'Terminated',
    exitCode: num(terminated.exitCode),
    at: str(terminated.finishedAt) || undefined,
  };
}

function containerProblem(view: Omit<ContainerView, 'problem'>, waitingMessage: string): ContainerProblem | undefined {
  if (view.stateReason && IMAGE_PULL.has(view.stateReason))
    return {
      kind: 'image-pull',
      message: `cannot pull image ${view.image} (${view.stateReason}${waitingMessage ? `: ${waitingMessage}` : ''})`,
    };
  if (view.liveness.state === 'failing')
    return {
      kind: 'liveness',
      message: `liveness probe failing (${view.liveness.handler ?? ''})${view.liveness.message ? `: ${view.liveness.message}` : ''}; restarted ${view.restarts} times`,
    };
  if (view.stateReason === 'CrashLoopBackOff') {
    const exit = view.lastTermination
      ? `; last exit: ${view.lastTermination.reason}${view.lastTermination.exitCode === undefined ? '' : ` (code ${view.lastTermination.exitCode})`}`
      : '';
    return { kind: 'crash-loop', message: `crash-looping, restarted ${view.restarts} times${exit}` };
  }
  if (view.readiness.state === 'failing')
    return {
      kind: 'readiness',
      message: `readiness probe failing (${view.readiness.handler ?? ''})${view.readiness.message ? `: ${view.readiness.message}` : ''}`,
    };
  return undefined;
}

const NO_PROBE_EVENTS: readonly ProbeEvent[] = Object.freeze([]);
const NO_POD_EVENTS: readonly Rec[] = Object.freeze([]);

function containerView(podName: string, spec: Rec, status: Rec | undefined, events: readonly Rec[]): ContainerView {
  const name = str(spec.name);
  const probeEvents = events.length === 0 ? NO_PROBE_EVENTS : probeEventsFor(podName, name, events);
  const image = str(status?.image) || str(spec.image);
  const ready = status?.ready === true;
  const restarts = num(status?.restartCount) ?? 0;
  const readiness = readinessStatus(spec, status, probeEvents);
  const liveness = livenessStatus(spec, status, probeEvents);
  const state = rec(status?.state);
  // A running container (most of a big cluster's) is built without the spread of its state: the same object.
  const view =
    state.running !== undefined
      ? {
          name,
          image,
          state: 'running' as const,
          ready,
          restarts,
          lastTermination: lastTermination(status),
          readiness,
          liveness,
        }
      : {
          name,
          image,
          ...containerState(status),
          ready,
          restarts,
          lastTermination: lastTermination(status),
          readiness,
          liveness,
        };
  const problem = containerProblem(view, str(rec(state.waiting).message));
  return problem ? { ...view, problem } : view;
}

function podHealth(phase: string, containers: readonly ContainerView[], terminating: boolean): Health {
  if (phase === 'Succeeded') return 'done';
  if (phase === 'Failed' || containers.some((c) => c.problem && c.problem.kind !== 'readiness')) return 'error';
  if (terminating || phase === 'Pending' || phase === '') return 'pending';
  return containers.every((c) => c.ready) ? 'ok' : 'warning';
}

/** Everything the tree shows about a pod, from the pod and the Warning events of its namespace. */
export function podView(pod: KubeObject, events: readonly KubeObject[] = []): PodView {
  const status = rec(pod.status);
  const statuses = recs(status.containerStatuses);
  const podEvents: readonly Rec[] =
    events.length === 0 ? NO_POD_EVENTS : events.filter((e) => rec(e.involvedObject).name === pod.metadata.name);
  const containers = containerSpecs(rec(pod.spec)).map((spec) =>
    containerView(
      pod.metadata.name,
      spec,
      statuses.find((s) => s.name === spec.name),
      podEvents,
    ),
  );
  const terminating = typeof pod.metadata.deletionTimestamp === 'string';
  const phase = str(status.phase);
  const waiting = containers.find((c) => c.state === 'waiting' && c.stateReason)?.stateReason;
  const reason = terminating ? 'Terminating' : str(status.reason) || waiting;
  let readyContainers = 0;
  let restarts = 0;
  for (const c of containers) {
    if (c.ready) readyContainers++;
    restarts += c.restarts;
  }
  // One literal, every key always present (undefined when empty): all pod views share one shape.
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? '',
    phase: phase || 'Unknown',
    reason: reason || undefined,
    readyContainers,
    restarts,
    createdAt: str(pod.metadata.creationTimestamp) || undefined,
    node: str(rec(pod.spec).nodeName) || undefined,
    podIP: str(status.podIP) || undefined,
    health: podHealth(phase, containers, terminating),
    containers,
  };
}
