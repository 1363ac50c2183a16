import type { CacheReader } from '../../kube/cache/clusterCache';
import { rec, recs, str, num } from '../../kube/cache/fields';
import { hpaView, type HpaView } from '../../kube/cache/hpaView';
import { NAMESPACED_KINDS } from '../../kube/cache/kinds';
import type { WorkloadKind } from '../../kube/cache/ownership';
import { podView, type PodView } from '../../kube/cache/podView';
import { serviceView, type ServiceView } from '../../kube/cache/serviceView';
import { stackHealth } from '../../kube/cache/stackHealth';
import type { KubeObject } from '../../kube/objects';
import { rolloutState } from '../../kube/workloadStatus';
import type { NamespaceData } from './nodes/namespaceNode';
import type { WorkloadData } from './nodes/workloadNode';

// Pure builders: live objects in, the plain data a node renders out. The model calls them on every change.

function readyAndDesired(workload: KubeObject): { ready: number; desired: number } {
  const spec = rec(workload.spec);
  const status = rec(workload.status);
  if (workload.kind === 'DaemonSet')
    return { ready: num(status.numberReady) ?? 0, desired: num(status.desiredNumberScheduled) ?? 0 };
  return { ready: num(status.readyReplicas) ?? 0, desired: num(spec.replicas) ?? 1 };
}

export function workloadData(workload: KubeObject): WorkloadData {
  const containers = recs(rec(rec(rec(workload.spec).template).spec).containers);
  return {
    kind: workload.kind as WorkloadKind,
    namespace: workload.metadata.namespace ?? '',
    name: workload.metadata.name,
    rollout: rolloutState(workload),
    ...readyAndDesired(workload),
    images: containers.map((c) => str(c.image)),
  };
}

/** `events`: the Warning events of the pod's namespace (those naming the pod are enough). */
export function podData(pod: KubeObject, events: readonly KubeObject[]): PodView {
  return podView(pod, events);
}

export function serviceData(cache: CacheReader, service: KubeObject): ServiceView {
  const namespace = service.metadata.namespace ?? '';
  return serviceView(service, cache.get('Endpoints', namespace, service.metadata.name));
}

export function hpaData(cache: CacheReader, hpa: KubeObject): HpaView {
  const ref = rec(rec(hpa.spec).scaleTargetRef);
  const kind = str(ref.kind);
  const target =
    kind === 'Deployment' || kind === 'StatefulSet'
      ? cache.get(kind, hpa.metadata.namespace ?? '', str(ref.name))
      : undefined;
  return hpaView(hpa, target);
}

function namespaceWatch(cache: CacheReader, namespace: string): Pick<NamespaceData, 'watch' | 'forbiddenKinds'> {
  if (!cache.isOpen(namespace)) return { watch: 'closed', forbiddenKinds: [] };
  const statuses = NAMESPACED_KINDS.map((kind) => ({ kind, status: cache.status(kind, namespace) }));
  const forbiddenKinds = statuses
    .filter((s) => s.status?.state === 'failed' && s.status.failure.kind === 'forbidden')
    .map((s) => s.kind);
  if (forbiddenKinds.length === statuses.length) return { watch: 'forbidden', forbiddenKinds };
  if (statuses.some((s) => s.status === undefined || s.status.state === 'syncing'))
    return { watch: 'syncing', forbiddenKinds };
  return { watch: forbiddenKinds.length > 0 ? 'partial' : 'synced', forbiddenKinds };
}

export function namespaceData(cache: CacheReader, name: string, stackNamespace: string): NamespaceData {
  const watch = namespaceWatch(cache, name);
  const health = watch.watch === 'synced' || watch.watch === 'partial' ? stackHealth(cache, name) : undefined;
  const warnings = health
    ? cache.list('Event', name).filter((e) => (e as { type?: unknown }).type === 'Warning').length
    : 0;
  return { name, isStack: name === stackNamespace, ...watch, warnings, ...(health ? { health } : {}) };
}
