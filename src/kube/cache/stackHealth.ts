import { rolloutState } from '../workloadStatus';
import type { CacheReader } from './clusterCache';
import { WORKLOAD_KINDS } from './ownership';

/** How many of a namespace's workloads have rolled out: `9/9 ready` in the status bar. */
export interface StackHealth {
  readonly namespace: string;
  readonly ready: number;
  readonly total: number;
  /** Workloads not ready, with what each is waiting for. */
  readonly notReady: readonly { readonly kind: string; readonly name: string; readonly message: string }[];
}

export function stackHealth(cache: CacheReader, namespace: string): StackHealth {
  const notReady: { kind: string; name: string; message: string }[] = [];
  let total = 0;
  for (const kind of WORKLOAD_KINDS) {
    for (const workload of cache.list(kind, namespace)) {
      total++;
      const state = rolloutState(workload);
      if (!state.ready) notReady.push({ kind, name: workload.metadata.name, message: state.message });
    }
  }
  return { namespace, ready: total - notReady.length, total, notReady };
}
