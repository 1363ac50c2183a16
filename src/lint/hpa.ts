import { dig, list, num, rec, str } from './access';
import type { LintObject } from './object';
import type { Path } from './parse';
import type { ObjectLookup } from './rule';

/** The workload an HPA scales, as written in scaleTargetRef. */
export function hpaTargetRef(hpa: LintObject): { kind: string; name: string } | undefined {
  if (hpa.kind !== 'HorizontalPodAutoscaler') return undefined;
  const ref = rec(dig(hpa.value, 'spec', 'scaleTargetRef'));
  const kind = str(ref?.kind);
  const name = str(ref?.name);
  return kind && name ? { kind, name } : undefined;
}

export function hpaTarget(objects: ObjectLookup, hpa: LintObject): LintObject | undefined {
  const ref = hpaTargetRef(hpa);
  return ref && objects.find(ref.kind, hpa.namespace, ref.name);
}

/** Where the HPA scales on CPU utilization (autoscaling/v2 metrics, or v1's targetCPUUtilizationPercentage). */
export function cpuUtilizationPath(hpa: LintObject): Path | undefined {
  if (num(dig(hpa.value, 'spec', 'targetCPUUtilizationPercentage')) !== undefined)
    return ['spec', 'targetCPUUtilizationPercentage'];
  const index = list(dig(hpa.value, 'spec', 'metrics')).findIndex(
    (m) =>
      str(rec(m)?.type) === 'Resource' &&
      str(dig(m, 'resource', 'name')) === 'cpu' &&
      str(dig(m, 'resource', 'target', 'type')) === 'Utilization',
  );
  return index === -1 ? undefined : ['spec', 'metrics', index, 'resource', 'name'];
}
