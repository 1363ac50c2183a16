import { disposeAll, type IDisposable } from '../util/disposable';
import { silentLogger, type Logger } from '../util/log';
import { scopeKey, type WatchScope } from './cache/kinds';
import { ResourceWatch, type BackoffOptions, type WatchSink } from './cache/resourceWatch';
import { ClusterWatchTransport } from './cache/watchTransport';
import type { ClusterClient } from './client';
import type { KubeObject, ObjectRef } from './objects';
import { diagnoseWorkloads } from './rolloutDiagnosis';
import type { PodProblem } from './podDiagnosis';
import { isRolloutKind, rolloutState, type RolloutKind, type RolloutState } from './workloadStatus';

export interface RolloutTarget {
  readonly kind: RolloutKind;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
}

export interface WorkloadRollout {
  readonly target: RolloutTarget;
  readonly state: RolloutState;
  /** When not ready at the end: the pods that are not ready and why. */
  readonly problems: readonly PodProblem[];
}

export interface RolloutReport {
  readonly ready: boolean;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly workloads: readonly WorkloadRollout[];
}

export interface RolloutOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called when a workload's state changes. */
  readonly onProgress?: (target: RolloutTarget, state: RolloutState) => void;
  readonly logger?: Logger;
}

/** The Deployments, StatefulSets and DaemonSets among applied objects. */
export function rolloutTargets(refs: readonly ObjectRef[]): RolloutTarget[] {
  return refs.flatMap((r) => (isRolloutKind(r.kind) && r.namespace !== undefined ? [{ kind: r.kind, apiVersion: r.apiVersion, namespace: r.namespace, name: r.name }] : []));
}

const keyOf = (t: { kind: string; namespace?: string; name: string }): string => `${t.kind}/${t.namespace ?? ''}/${t.name}`;
const PENDING: RolloutState = { ready: false, message: 'waiting for the workload to appear' };
const DELETED: RolloutState = { ready: false, message: 'deleted' };
// A rollout takes seconds to minutes: retry a broken watch sooner than the tree does.
const ROLLOUT_BACKOFF: BackoffOptions = { minMs: 100, maxMs: 5_000 };

/** Follows the targets on watches (one per kind and namespace) until all are available, the timeout, or cancellation. */
export async function followRollouts(client: ClusterClient, targets: readonly RolloutTarget[], options: RolloutOptions): Promise<RolloutReport> {
  const states = new Map(targets.map((t) => [keyOf(t), PENDING]));
  const outcome = await new Promise<'ready' | 'timeout' | 'cancelled'>((resolve) => {
    const owned: IDisposable[] = [];
    const finish = (how: 'ready' | 'timeout' | 'cancelled'): void => {
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
    owned.push(...watchTargets(client, targets, options.logger ?? silentLogger, (target, state) => {
      const previous = states.get(keyOf(target));
      if (previous?.ready === state.ready && previous.message === state.message) return;
      states.set(keyOf(target), state);
      options.onProgress?.(target, state);
      check();
    }));
  });
  return report(client, targets, states, outcome, options.logger ?? silentLogger);
}

/** One watch per kind and namespace among the targets, on the same list-and-watch loop as the cluster tree. */
function watchTargets(client: ClusterClient, targets: readonly RolloutTarget[], logger: Logger, update: (t: RolloutTarget, s: RolloutState) => void): IDisposable[] {
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

function rolloutSink(byName: ReadonlyMap<string, RolloutTarget>, logger: Logger, update: (t: RolloutTarget, s: RolloutState) => void): WatchSink {
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
      if (status.state === 'failed') logger.warn(`watch ${scopeKey(scope)} failed: ${status.failure.message}; retrying`);
    },
  };
}

async function report(client: ClusterClient, targets: readonly RolloutTarget[], states: Map<string, RolloutState>, outcome: 'ready' | 'timeout' | 'cancelled', logger: Logger): Promise<RolloutReport> {
  const notReady = targets.filter((t) => !states.get(keyOf(t))?.ready);
  const problems = outcome === 'timeout' ? await diagnoseWorkloads(client, notReady, logger) : new Map<string, PodProblem[]>();
  const workloads = targets.map((target) => ({ target, state: states.get(keyOf(target)) ?? PENDING, problems: problems.get(keyOf(target)) ?? [] }));
  return { ready: outcome === 'ready', timedOut: outcome === 'timeout', cancelled: outcome === 'cancelled', workloads };
}

export { keyOf as rolloutKey };
