import type { KubeObject } from '../objects';
import { num, rec, recs, str } from './fields';

export interface HpaView {
  readonly name: string;
  readonly namespace: string;
  readonly target: { readonly kind: string; readonly name: string };
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuCurrent?: number;
  readonly cpuTarget?: number;
  /** Why the autoscaler cannot read its metric, in words a user can act on. */
  readonly metricsProblem?: string;
}

function cpuTarget(spec: Record<string, unknown>): number | undefined {
  const cpu = recs(spec.metrics).find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
  return num(rec(rec(cpu?.resource).target).averageUtilization) ?? num(spec.targetCPUUtilizationPercentage);
}

function cpuCurrent(status: Record<string, unknown>): number | undefined {
  const cpu = recs(status.currentMetrics).find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
  return num(rec(rec(cpu?.resource).current).averageUtilization) ?? num(status.currentCPUUtilizationPercentage);
}

/** Whether the target's containers request CPU: utilisation is a percentage of the request, so without one there is none. */
export function targetHasCpuRequests(workload: KubeObject | undefined): boolean | undefined {
  if (!workload) return undefined;
  const containers = recs(rec(rec(rec(workload.spec).template).spec).containers);
  return containers.length > 0 && containers.every((c) => rec(rec(c.resources).requests).cpu !== undefined);
}

function metricsProblem(
  status: Record<string, unknown>,
  current: number | undefined,
  hasRequests: boolean | undefined,
): string | undefined {
  if (hasRequests === false)
    return "the target's containers set no CPU requests, so CPU utilisation cannot be computed";
  const active = recs(status.conditions).find((c) => c.type === 'ScalingActive');
  if (active?.status === 'False') {
    const reason = str(active.reason);
    const hint = /FailedGet(Resource)?Metric/.test(reason) ? ' — is metrics-server installed?' : '';
    return `${reason || 'scaling inactive'}: ${str(active.message)}${hint}`;
  }
  if (current === undefined) return 'no CPU metrics yet (metrics-server missing or still collecting)';
  return undefined;
}

/** `3/5 · cpu 72%/60%` and its parts, from an autoscaling/v2 (or v1) HPA and its target workload. */
export function hpaView(hpa: KubeObject, target?: KubeObject): HpaView {
  const spec = rec(hpa.spec);
  const status = rec(hpa.status);
  const ref = rec(spec.scaleTargetRef);
  const current = cpuCurrent(status);
  const problem = metricsProblem(status, current, targetHasCpuRequests(target));
  return {
    name: hpa.metadata.name,
    namespace: hpa.metadata.namespace ?? '',
    target: { kind: str(ref.kind), name: str(ref.name) },
    currentReplicas: num(status.currentReplicas) ?? 0,
    desiredReplicas: num(status.desiredReplicas) ?? 0,
    minReplicas: num(spec.minReplicas) ?? 1,
    maxReplicas: num(spec.maxReplicas) ?? 0,
    ...(current === undefined ? {} : { cpuCurrent: current }),
    ...(cpuTarget(spec) === undefined ? {} : { cpuTarget: cpuTarget(spec) }),
    ...(problem ? { metricsProblem: problem } : {}),
  };
}
