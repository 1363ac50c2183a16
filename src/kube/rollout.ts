import type { KubeConfig } from '@kubernetes/client-node';
import { disposeAll, type IDisposable } from '../util/disposable';
import { silentLogger, type Logger } from '../util/log';
import type { ClusterClient } from './client';
import { CollectionWatch } from './collectionWatch';
import type { ObjectRef } from './objects';
import { diagnoseWorkloads } from './rolloutDiagnosis';
import type { PodProblem } from './podDiagnosis';
import { builtInResource, collectionPath } from './resources';
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

export interface RolloutCluster {
  readonly client: ClusterClient;
  readonly kubeConfig: KubeConfig;
}

/** The Deployments, StatefulSets and DaemonSets among applied objects. */
export function rolloutTargets(refs: readonly ObjectRef[]): RolloutTarget[] {
  return refs.flatMap((r) => (isRolloutKind(r.kind) && r.namespace !== undefined ? [{ kind: r.kind, apiVersion: r.apiVersion, namespace: r.namespace, name: r.name }] : []));
}

const keyOf = (t: { kind: string; namespace?: string; name: string }): string => `${t.kind}/${t.namespace ?? ''}/${t.name}`;
const PENDING: RolloutState = { ready: false, message: 'waiting for the workload to appear' };

/** Follows the targets on watches (one per kind and namespace) until all are available, the timeout, or cancellation. */
export async function followRollouts(cluster: RolloutCluster, targets: readonly RolloutTarget[], options: RolloutOptions): Promise<RolloutReport> {
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
    owned.push(...watchTargets(cluster, targets, options, (target, state) => {
      const previous = states.get(keyOf(target));
      if (previous?.ready === state.ready && previous.message === state.message) return;
      states.set(keyOf(target), state);
      options.onProgress?.(target, state);
      check();
    }));
  });
  return report(cluster, targets, states, outcome, options.logger ?? silentLogger);
}

function watchTargets(cluster: RolloutCluster, targets: readonly RolloutTarget[], options: RolloutOptions, update: (t: RolloutTarget, s: RolloutState) => void): IDisposable[] {
  const groups = new Map<string, RolloutTarget[]>();
  for (const t of targets) groups.set(`${t.apiVersion}/${t.kind}/${t.namespace}`, [...(groups.get(`${t.apiVersion}/${t.kind}/${t.namespace}`) ?? []), t]);
  return [...groups.values()].map((group) => {
    const first = group[0] as RolloutTarget;
    const resource = builtInResource(first.apiVersion, first.kind) ?? { plural: `${first.kind.toLowerCase()}s`, namespaced: true };
    const byName = new Map(group.map((t) => [t.name, t]));
    const watch = new CollectionWatch({
      kubeConfig: cluster.kubeConfig,
      client: cluster.client,
      path: collectionPath(first.apiVersion, resource, first.namespace),
      logger: options.logger,
      onEvent: (type, object) => {
        const target = byName.get(object.metadata.name);
        if (target) update(target, type === 'DELETED' ? { ready: false, message: 'deleted' } : rolloutState({ ...object, kind: first.kind }));
      },
    });
    watch.start();
    return watch;
  });
}

async function report(cluster: RolloutCluster, targets: readonly RolloutTarget[], states: Map<string, RolloutState>, outcome: 'ready' | 'timeout' | 'cancelled', logger: Logger): Promise<RolloutReport> {
  const notReady = targets.filter((t) => !states.get(keyOf(t))?.ready);
  const problems = outcome === 'timeout' ? await diagnoseWorkloads(cluster.client, notReady, logger) : new Map<string, PodProblem[]>();
  const workloads = targets.map((target) => ({ target, state: states.get(keyOf(target)) ?? PENDING, problems: problems.get(keyOf(target)) ?? [] }));
  return { ready: outcome === 'ready', timedOut: outcome === 'timeout', cancelled: outcome === 'cancelled', workloads };
}

export { keyOf as rolloutKey };
