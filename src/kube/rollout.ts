import { disposeAll, type IDisposable } from '../util/disposable';
import { silentLogger, type Logger } from '../util/log';
import { scopeKey, type WatchScope } from './cache/kinds';
import { ResourceWatch, type BackoffOptions, type WatchSink } from './cache/resourceWatch';
import { ClusterWatchTransport } from './cache/watchTransport';
import type { ObjectResult } from './applyResult';
import type { ClusterClient } from './client';
import type { ManifestEntry } from './manifests';
import type { KubeObject, ObjectRef } from './objects';
import { diagnoseWorkloads, readWorkloadPods, type WorkloadPods } from './rolloutDiagnosis';
import { certainPodFailure, type FailureCause, type PodFailure } from './rolloutFailure';
import type { PodProblem } from './podDiagnosis';
import { isRolloutKind, rolloutState, type RolloutKind, type RolloutState } from './workloadStatus';

export interface RolloutTarget {
  readonly kind: RolloutKind;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
}

/** Where an object comes from in the manifests, to point the user at the line to fix. */
export interface ManifestSource {
  readonly file: string;
  readonly line: number;
  /** The line of a field (server path style), if it is in the file. */
  readonly lineOf?: (field: string) => number | undefined;
}

/** A workload that cannot become available by waiting: the cause in one line and the manifest line to fix. */
export interface RolloutFailure {
  readonly cause: FailureCause;
  readonly pod: string;
  readonly message: string;
  /** `file:line` of the field to fix (the image, the container, the claim's StorageClass), when known. */
  readonly location?: string;
}

export interface WorkloadRollout {
  readonly target: RolloutTarget;
  readonly state: RolloutState;
  /** When not ready at the end: the pods that are not ready and why. */
  readonly problems: readonly PodProblem[];
  /** Set when the wait stopped early because this workload cannot succeed. */
  readonly failure?: RolloutFailure;
}

export interface RolloutReport {
  readonly ready: boolean;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** Stopped before the timeout: a workload failed for certain (see `failure`) or its controller gave up (its state). */
  readonly failed: boolean;
  readonly workloads: readonly WorkloadRollout[];
}

export interface RolloutOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called when a workload's state changes. */
  readonly onProgress?: (target: RolloutTarget, state: RolloutState) => void;
  readonly logger?: Logger;
  /** How often the pods of workloads that are not ready are checked for a certain failure (default 2 s). */
  readonly checkEveryMs?: number;
  /** When the deploy began (ms since the epoch; default: now): pods older than that may be failing from before. */
  readonly since?: number;
  /** The manifest an applied object came from (workloads, claims), for the line to fix. */
  readonly locate?: (ref: { kind: string; namespace?: string; name: string }) => ManifestSource | undefined;
}

type Outcome = 'ready' | 'timeout' | 'cancelled' | 'failed';

/** Finds the manifest each applied object came from (by the file and line its result carries). */
export function locateApplied(
  results: readonly ObjectResult[],
  entries: readonly ManifestEntry[],
): NonNullable<RolloutOptions['locate']> {
  const byPlace = new Map(entries.map((e) => [`${e.file}:${e.line}`, e]));
  const byRef = new Map(
    results.map((r) => [`${r.ref.kind}/${r.ref.namespace ?? ''}/${r.ref.name}`, byPlace.get(`${r.file}:${r.line}`)]),
  );
  return (ref) => byRef.get(`${ref.kind}/${ref.namespace ?? ''}/${ref.name}`);
}

/** The Deployments, StatefulSets and DaemonSets among applied objects. */
export function rolloutTargets(refs: readonly ObjectRef[]): RolloutTarget[] {
  return refs.flatMap((r) =>
    isRolloutKind(r.kind) && r.namespace !== undefined
      ? [{ kind: r.kind, apiVersion: r.apiVersion, namespace: r.namespace, name: r.name }]
      : [],
  );
}

const keyOf = (t: { kind: string; namespace?: string; name: string }): string =>
  `${t.kind}/${t.namespace ?? ''}/${t.name}`;
const PENDING: RolloutState = { ready: false, message: 'waiting for the workload to appear' };
const DELETED: RolloutState = { ready: false, message: 'deleted' };
// A rollout takes seconds to minutes: retry a broken watch sooner than the tree does.
const ROLLOUT_BACKOFF: BackoffOptions = { minMs: 100, maxMs: 5_000 };
const DEFAULT_CHECK_MS = 2_000;

/** Follows the targets on watches (one per kind and namespace) until all are available, the timeout, or cancellation. */
export async function followRollouts(
  client: ClusterClient,
  targets: readonly RolloutTarget[],
  options: RolloutOptions,
): Promise<RolloutReport> {
  const states = new Map(targets.map((t) => [keyOf(t), PENDING]));
  const failures = new Map<string, PodFailure>();
  const logger = options.logger ?? silentLogger;
  let done = false;
  const outcome = await new Promise<Outcome>((resolve) => {
    const owned: IDisposable[] = [];
    const finish = (how: Outcome): void => {
      if (done) return;
      done = true;
      disposeAll(owned);
      resolve(how);
    };
    const check = (): void => {
      if ([...states.values()].every((s) => s.ready)) finish('ready');
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    owned.push({ dispose: () => clearTimeout(timer) });
    if (options.signal) {
      const onAbort = (): void => finish('cancelled');
      options.signal.addEventListener('abort', onAbort, { once: true });
      owned.push({ dispose: () => options.signal?.removeEventListener('abort', onAbort) });
    }
    if (targets.length === 0 || options.signal?.aborted) return finish(targets.length === 0 ? 'ready' : 'cancelled');
    const notReady = (): RolloutTarget[] => targets.filter((t) => !states.get(keyOf(t))?.ready);
    owned.push(
      checkForFailures(client, notReady, options, logger, (found) => {
        for (const [key, failure] of found) failures.set(key, failure);
        finish('failed');
      }),
    );
    owned.push(
      ...watchTargets(client, targets, logger, (target, state) => {
        const previous = states.get(keyOf(target));
        if (previous?.ready === state.ready && previous.message === state.message) return;
        states.set(keyOf(target), state);
        options.onProgress?.(target, state);
        // The controller gave up (progress deadline exceeded): waiting longer cannot help, as kubectl rollout status says.
        if (state.failed) finish('failed');
        else check();
      }),
    );
  });
  return report(client, targets, states, failures, outcome, options);
}

/**
 * Polls the pods of the workloads that are not ready for a failure that waiting cannot clear; reports it once it is
 * seen on two checks in a row (a pod between two states is not a verdict). Slow but progressing workloads never
 * match, so they keep the whole timeout.
 */
function checkForFailures(
  client: ClusterClient,
  notReady: () => RolloutTarget[],
  options: RolloutOptions,
  logger: Logger,
  onFailure: (failures: Map<string, PodFailure>) => void,
): IDisposable {
  const stop = new AbortController();
  const since = options.since ?? Date.now();
  const every = options.checkEveryMs ?? DEFAULT_CHECK_MS;
  let previous = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const check = async (): Promise<void> => {
    const targets = notReady();
    const observed =
      targets.length > 0
        ? await readWorkloadPods(client, targets, logger, stop.signal)
        : new Map<string, WorkloadPods>();
    if (stop.signal.aborted) return;
    const seen = new Set<string>();
    const certain = new Map<string, PodFailure>();
    for (const target of targets) {
      const { pods = [], events = [] } = observed.get(keyOf(target)) ?? {};
      for (const pod of pods) {
        const failure = certainPodFailure(pod, events, since);
        if (!failure) continue;
        const key = `${keyOf(target)}|${pod.metadata.uid ?? pod.metadata.name}|${failure.cause}`;
        seen.add(key);
        if (previous.has(key) && !certain.has(keyOf(target))) certain.set(keyOf(target), failure);
      }
    }
    previous = seen;
    if (certain.size > 0) onFailure(certain);
    else timer = setTimeout(() => void check(), every);
  };
  timer = setTimeout(() => void check(), every);
  return {
    dispose: () => {
      stop.abort();
      clearTimeout(timer);
    },
  };
}

/** One watch per kind and namespace among the targets, on the same list-and-watch loop as the cluster tree. */
function watchTargets(
  client: ClusterClient,
  targets: readonly RolloutTarget[],
  logger: Logger,
  update: (t: RolloutTarget, s: RolloutState) => void,
): IDisposable[] {
  const groups = new Map<string, { scope: WatchScope; byName: Map<string, RolloutTarget> }>();
  for (const t of targets) {
    const scope: WatchScope = { kind: t.kind, namespace: t.namespace };
    const group = groups.get(scopeKey(scope)) ?? { scope, byName: new Map<string, RolloutTarget>() };
    group.byName.set(t.name, t);
    groups.set(scopeKey(scope), group);
  }
  const transport = new ClusterWatchTransport(client);
  return [...groups.values()].map(({ scope, byName }) => {
    const watch = new ResourceWatch(scope, transport, rolloutSink(byName, logger, update), ROLLOUT_BACKOFF);
    watch.start();
    return watch;
  });
}

function rolloutSink(
  byName: ReadonlyMap<string, RolloutTarget>,
  logger: Logger,
  update: (t: RolloutTarget, s: RolloutState) => void,
): WatchSink {
  return {
    replace: (_scope, items) => {
      const live = new Map(items.map((item) => [item.metadata.name, item]));
      for (const target of byName.values()) {
        const object = live.get(target.name);
        update(target, object ? rolloutState(object) : PENDING);
      }
    },
    apply: (_scope, type, object: KubeObject) => {
      const target = byName.get(object.metadata.name);
      if (target) update(target, type === 'DELETED' ? DELETED : rolloutState(object));
    },
    status: (scope, status) => {
      if (status.state === 'failed')
        logger.warn(`watch ${scopeKey(scope)} failed: ${status.failure.message}; retrying`);
    },
  };
}

async function report(
  client: ClusterClient,
  targets: readonly RolloutTarget[],
  states: Map<string, RolloutState>,
  failures: ReadonlyMap<string, PodFailure>,
  outcome: Outcome,
  options: RolloutOptions,
): Promise<RolloutReport> {
  const notReady = targets.filter((t) => !states.get(keyOf(t))?.ready);
  const diagnose = outcome === 'timeout' || outcome === 'failed';
  const problems = diagnose
    ? await diagnoseWorkloads(client, notReady, options.logger ?? silentLogger, options.signal)
    : new Map<string, PodProblem[]>();
  const workloads = targets.map((target): WorkloadRollout => {
    const found = failures.get(keyOf(target));
    const failure = found && {
      cause: found.cause,
      pod: found.pod,
      message: found.message,
      location: locationOf(target, found, options.locate),
    };
    return {
      target,
      state: states.get(keyOf(target)) ?? PENDING,
      problems: problems.get(keyOf(target)) ?? [],
      failure,
    };
  });
  return {
    ready: outcome === 'ready',
    timedOut: outcome === 'timeout',
    cancelled: outcome === 'cancelled',
    failed: outcome === 'failed',
    workloads,
  };
}

/** `file:line` of what to fix: the claim's StorageClass for storage, else the workload's field (image, container). */
function locationOf(target: RolloutTarget, failure: PodFailure, locate: RolloutOptions['locate']): string | undefined {
  if (failure.cause === 'storage' && failure.claim) {
    const claim = locate?.({ kind: 'PersistentVolumeClaim', namespace: target.namespace, name: failure.claim });
    if (claim) return `${claim.file}:${claim.lineOf?.('spec.storageClassName') ?? claim.line}`;
  }
  const source = locate?.(target);
  if (!source) return undefined;
  return `${source.file}:${(failure.field && source.lineOf?.(failure.field)) ?? source.line}`;
}

export { keyOf as rolloutKey };
