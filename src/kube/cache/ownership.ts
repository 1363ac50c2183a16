import type { KubeObject } from '../objects';
import { own } from '../../util/own';
import { rec, recs, str } from './fields';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
}

export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * The workload a pod belongs to, from its controller reference. A Deployment's pods are owned by a
 * ReplicaSet named `<deployment>-<pod-template-hash>`, so the Deployment is known without watching ReplicaSets.
 */
export function ownerFromReferences(pod: KubeObject): WorkloadRef | undefined {
  const owner =
    recs(pod.metadata.ownerReferences).find((o) => o.controller === true) ?? recs(pod.metadata.ownerReferences)[0];
  if (!owner) return undefined;
  const namespace = pod.metadata.namespace ?? '';
  const kind = str(owner.kind);
  const name = str(owner.name);
  if (kind === 'StatefulSet' || kind === 'DaemonSet') return { kind, namespace, name };
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`))
    return { kind: 'Deployment', namespace, name: name.slice(0, -hash.length - 1) };
  return undefined;
}

function matchLabels(workload: KubeObject): Record<string, unknown> | undefined {
  const labels = rec(rec(rec(workload.spec).selector).matchLabels);
  return Object.keys(labels).length > 0 ? labels : undefined;
}

/** Fallback for pods without a usable owner reference: the first workload whose selector matches. */
export function ownerBySelector(pod: KubeObject, workloads: readonly KubeObject[]): WorkloadRef | undefined {
  const labels = pod.metadata.labels ?? {};
  for (const workload of workloads) {
    const selector = matchLabels(workload);
    if (selector && Object.entries(selector).every(([k, v]) => own(labels, k) === v)) {
      return {
        kind: workload.kind as WorkloadKind,
        namespace: workload.metadata.namespace ?? '',
        name: workload.metadata.name,
      };
    }
  }
  return undefined;
}

/** Pods grouped by workload key; pods of no known workload under ''. */
export function groupPodsByWorkload(
  pods: readonly KubeObject[],
  workloads: readonly KubeObject[],
): Map<string, KubeObject[]> {
  const known = new Set(
    workloads.map((w) =>
      workloadKey({ kind: w.kind as WorkloadKind, namespace: w.metadata.namespace ?? '', name: w.metadata.name }),
    ),
  );
  const groups = new Map<string, KubeObject[]>();
  for (const pod of pods) {
    const byRef = ownerFromReferences(pod);
    const ref = byRef && known.has(workloadKey(byRef)) ? byRef : ownerBySelector(pod, workloads);
    const key = ref ? workloadKey(ref) : '';
    const group = groups.get(key);
    if (group) group.push(pod);
    else groups.set(key, [pod]);
  }
  return groups;
}
