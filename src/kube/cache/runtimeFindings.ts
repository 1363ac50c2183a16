import type { KubeObject } from '../objects';
import type { CacheReader } from './clusterCache';
import type { ManifestContainer, ManifestWorkload, TextRange } from './manifestIndex';
import { groupPodsByWorkload, WORKLOAD_KINDS, workloadKey } from './ownership';
import { podView, type ContainerProblemKind } from './podView';

/** A runtime failure placed on the manifest line that causes it. */
export interface RuntimeFinding {
  readonly file: string;
  readonly range: TextRange;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly kind: ContainerProblemKind;
  readonly workload: string;
  readonly container: string;
}

/** Which line answers for which problem: the probe block for a probe, the image line for a pull error. */
function rangeFor(kind: ContainerProblemKind, container: ManifestContainer): TextRange {
  switch (kind) {
    case 'image-pull':
      return container.imageRange ?? container.nameRange;
    case 'readiness':
      return container.readinessProbeRange ?? container.nameRange;
    case 'liveness':
      return container.livenessProbeRange ?? container.nameRange;
    case 'crash-loop':
      return container.nameRange;
  }
}

interface Failure {
  readonly kind: ContainerProblemKind;
  readonly container: string;
  readonly pods: string[];
  readonly message: string;
}

function failuresOf(namespace: string, cache: CacheReader, pods: readonly KubeObject[]): Failure[] {
  const events = cache.list('Event', namespace);
  const byKey = new Map<string, Failure>();
  for (const pod of pods) {
    for (const container of podView(pod, events).containers) {
      if (!container.problem) continue;
      const key = `${container.name}/${container.problem.kind}`;
      const failure = byKey.get(key) ?? {
        kind: container.problem.kind,
        container: container.name,
        pods: [],
        message: container.problem.message,
      };
      failure.pods.push(pod.metadata.name);
      byKey.set(key, failure);
    }
  }
  return [...byKey.values()];
}

/**
 * Runtime → manifest: for every workload defined in the workspace and live in the cluster, the failing
 * containers of its pods as findings on the defining lines. Empty when healthy, which clears them.
 */
export function runtimeFindings(
  manifests: readonly ManifestWorkload[],
  cache: CacheReader,
  defaultNamespace: string,
): RuntimeFinding[] {
  const findings: RuntimeFinding[] = [];
  const groupsByNamespace = new Map<string, Map<string, KubeObject[]>>();
  for (const workload of manifests) {
    const namespace = workload.namespace ?? defaultNamespace;
    if (!cache.get(workload.kind, namespace, workload.name)) continue;
    let groups = groupsByNamespace.get(namespace);
    if (!groups) {
      const workloads = WORKLOAD_KINDS.flatMap((k) => cache.list(k, namespace));
      groupsByNamespace.set(namespace, (groups = groupPodsByWorkload(cache.list('Pod', namespace), workloads)));
    }
    const pods = groups.get(workloadKey({ kind: workload.kind, namespace, name: workload.name })) ?? [];
    for (const failure of failuresOf(namespace, cache, pods)) {
      const container = workload.containers.find((c) => c.name === failure.container);
      if (!container) continue;
      findings.push({
        file: workload.file,
        range: rangeFor(failure.kind, container),
        severity: failure.kind === 'readiness' ? 'warning' : 'error',
        message: `${failure.pods.length} of ${pods.length} pods of ${workload.kind} ${namespace}/${workload.name}, container ${failure.container}: ${failure.message}`,
        kind: failure.kind,
        workload: `${workload.kind}/${namespace}/${workload.name}`,
        container: failure.container,
      });
    }
  }
  return findings;
}
