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
  /**
   * The controller holds a scale-down back (AbleToScale: ScaleDownStabilized): the replicas stay until the higher
   * recommendations of the last `scaleDownWindowSeconds` have aged out.
   */
  readonly scaleDownWindowSeconds?: number;
  /** When an observer first saw the scale-down held back (ms); the API does not say when the window began. */
  readonly scaleDownSince?: number;
}

/** The real controller's default scale-down stabilisation window. */
export const DEFAULT_SCALE_DOWN_WINDOW_SECONDS = 300;

function scaleDownWindow(spec: Record<string, unknown>, status: Record<string, unknown>): number | undefined {
  const able = recs(status.conditions).find((c) => c.type === 'AbleToScale');
  if (able?.reason !== 'ScaleDownStabilized') return undefined;
  const rules = rec(rec(spec.behavior).scaleDown);
  return num(rules.stabilizationWindowSeconds) ?? DEFAULT_SCALE_DOWN_WINDOW_SECONDS;
}

/** Seconds until a held-back scale-down may happen (0: due at the next sync), or undefined when none is held back. */
export function scaleDownCountdown(view: HpaView, now: number): number | undefined {
  if (view.scaleDownWindowSeconds === undefined || view.scaleDownSince === undefined) return undefined;
  return Math.max(0, Math.ceil((view.scaleDownSince + view.scaleDownWindowSeconds * 1000 - now) / 1000));
}

/** `4m 10s`, `45s`. */
export function countdownText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m ${s}s` : `${s}s`;
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
  const window = scaleDownWindow(spec, status);
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
    ...(window === undefined ? {} : { scaleDownWindowSeconds: window }),
  };
}
