// HorizontalPodAutoscaler controller (autoscaling/v2, CPU utilisation), after the real one
// (pkg/controller/podautoscaler/horizontal.go). The CPU figure comes from
// ClusterSimulator.setCpuLoad(namespace, deployment, percent) (average utilisation of requests) plus what running
// load tests add (load.ts), in place of metrics-server. Like the real controller:
// - a target scaled to 0 disables autoscaling; above maxReplicas it goes to max, below minReplicas to min,
//   with or without metrics (so an HPA holds its minimum even when metrics-server is missing);
// - otherwise desired = ceil(current * utilisation / target), unchanged within the 10% tolerance; without
//   metrics, or when target containers lack CPU requests, ScalingActive is False (FailedGetResourceMetric);
// - `behavior`: stabilisation windows (scale-up default 0 s, scale-down 300 s) over the recommendations,
//   then the scaling policies per period (defaults: up max(100%, 4 pods) per 15 s; down 100% per 15 s;
//   selectPolicy Max/Min/Disabled), then min/max;
// - status and conditions (AbleToScale with ScaleDownStabilized, ScalingActive, ScalingLimited) as kubectl shows them.
// Simplified: one CPU metric, the replica count of the target's spec stands in for its ready pods, and every
// period and window is multiplied by the simulator's timeScale.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { cpuUtilisation } from './load';
import { R, arr, modify, num, nowISO, o, setCondition, str, type Obj } from './util';

/** The real controller syncs every 15 s. */
export const HPA_SYNC_MS = 15_000;
const TOLERANCE = 0.1;

interface Policy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}
interface Rules {
  windowSeconds: number;
  selectPolicy: string;
  policies: Policy[];
}
const DEFAULT_UP: Rules = {
  windowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Percent', value: 100, periodSeconds: 15 },
    { type: 'Pods', value: 4, periodSeconds: 15 },
  ],
};
const DEFAULT_DOWN: Rules = {
  windowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** What the real controller keeps in memory per HPA: recent recommendations and scale events. */
interface Memory {
  recommendations: Array<{ at: number; replicas: number }>;
  events: Array<{ at: number; change: number }>;
}
const memories = new WeakMap<SimContext, Map<string, Memory>>();

function memoryOf(ctx: SimContext, hpa: KObject): Memory {
  let all = memories.get(ctx);
  if (!all) memories.set(ctx, (all = new Map<string, Memory>()));
  const key = meta(hpa).uid ?? '';
  let memory = all.get(key);
  if (!memory) all.set(key, (memory = { recommendations: [], events: [] }));
  return memory;
}

function rulesOf(value: unknown, defaults: Rules): Rules {
  const rules = o(value);
  const policies = arr(rules.policies).map((p) => ({
    type: p.type === 'Pods' ? ('Pods' as const) : ('Percent' as const),
    value: num(p.value),
    periodSeconds: num(p.periodSeconds, 15),
  }));
  return {
    windowSeconds: num(rules.stabilizationWindowSeconds, defaults.windowSeconds),
    selectPolicy: str(rules.selectPolicy, defaults.selectPolicy),
    policies: policies.length ? policies : defaults.policies,
  };
}

export function reconcileHPAs(ctx: SimContext): void {
  for (const hpa of ctx.store.view(R.hpa)) reconcileHPA(ctx, hpa);
}

interface Outcome {
  current: number;
  desired: number;
  conds: Obj[];
  currentMetrics?: unknown[];
}

function reconcileHPA(ctx: SimContext, hpa: KObject): void {
  const m = meta(hpa);
  const ns = m.namespace ?? 'default';
  const spec = o(hpa.spec);
  const ref = o(spec.scaleTargetRef);
  const targetType = ref.kind === 'StatefulSet' ? R.statefulSet : R.deployment;
  const target = ctx.store.peek(targetType, ns, String(ref.name));
  let outcome: Outcome;
  if (!target) {
    const conds = setCondition(
      arr(o(hpa.status).conditions),
      'AbleToScale',
      'False',
      'FailedGetScale',
      `the HPA controller was unable to get the target's current scale: ${targetType.plural}.${targetType.group} "${String(ref.name)}" not found`,
    );
    outcome = { current: 0, desired: 0, conds };
  } else {
    outcome = decide(ctx, hpa, target);
    if (outcome.desired !== outcome.current) {
      modify(ctx, targetType, ns, String(ref.name), (t) => void ((t.spec as Obj).replicas = outcome.desired));
      memoryOf(ctx, hpa).events.push({ at: Date.now(), change: outcome.desired - outcome.current });
    }
  }
  modify(ctx, R.hpa, ns, m.name ?? '', (x) => {
    const prev = o(x.status);
    const { current, desired, conds, currentMetrics } = outcome;
    x.status = {
      ...(desired !== current
        ? { lastScaleTime: nowISO() }
        : prev.lastScaleTime
          ? { lastScaleTime: prev.lastScaleTime }
          : {}),
      currentReplicas: current,
      desiredReplicas: desired,
      ...(currentMetrics ? { currentMetrics } : {}),
      conditions: conds,
      observedGeneration: m.generation,
    };
  });
}

function decide(ctx: SimContext, hpa: KObject, target: KObject): Outcome {
  const spec = o(hpa.spec);
  const minR = num(spec.minReplicas, 1);
  const maxR = num(spec.maxReplicas, minR);
  const current = num(o(target.spec).replicas, 1);
  let conds = setCondition(
    arr(o(hpa.status).conditions),
    'AbleToScale',
    'True',
    'SucceededGetScale',
    "the HPA controller was able to get the target's current scale",
  );
  if (current === 0 && minR !== 0) {
    conds = setCondition(
      conds,
      'ScalingActive',
      'False',
      'ScalingDisabled',
      'scaling is disabled since the replica count of the target is zero',
    );
    return { current, desired: 0, conds };
  }
  if (current > maxR || current < minR) {
    const desired = current > maxR ? maxR : minR;
    rescaled(
      ctx,
      hpa,
      desired,
      `Current number of replicas ${current > maxR ? 'above Spec.MaxReplicas' : 'below Spec.MinReplicas'}`,
    );
    conds = setCondition(
      conds,
      'ScalingLimited',
      'True',
      current > maxR ? 'TooManyReplicas' : 'TooFewReplicas',
      `the desired replica count is ${current > maxR ? 'more than the maximum' : 'less than the minimum'} replica count`,
    );
    return { current, desired, conds };
  }
  const metric = metricProposal(ctx, hpa, target, current);
  if ('problem' in metric) return { current, desired: current, conds: failed(ctx, hpa, conds, metric.problem) };
  conds = setCondition(
    conds,
    'ScalingActive',
    'True',
    'ValidMetricFound',
    'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
  );
  const behavior = o(spec.behavior);
  const memory = memoryOf(ctx, hpa);
  const stabilized = stabilize(
    ctx,
    memory,
    metric.replicas,
    current,
    rulesOf(behavior.scaleUp, DEFAULT_UP),
    rulesOf(behavior.scaleDown, DEFAULT_DOWN),
  );
  if (stabilized < metric.replicas && stabilized > current)
    conds = setCondition(
      conds,
      'AbleToScale',
      'True',
      'ScaleUpStabilized',
      'recent recommendations were lower than current one, applying the lowest recent recommendation',
    );
  else if (stabilized > metric.replicas && stabilized <= current && metric.replicas < current)
    conds = setCondition(
      conds,
      'AbleToScale',
      'True',
      'ScaleDownStabilized',
      'recent recommendations were higher than current one, applying the highest recent recommendation',
    );
  else conds = setCondition(conds, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
  const limited = limitByPolicies(
    ctx,
    memory,
    stabilized,
    current,
    rulesOf(behavior.scaleUp, DEFAULT_UP),
    rulesOf(behavior.scaleDown, DEFAULT_DOWN),
  );
  const desired = Math.min(maxR, Math.max(minR, limited));
  const reason =
    desired === maxR && limited >= maxR && stabilized > maxR
      ? 'TooManyReplicas'
      : desired === minR && stabilized < minR
        ? 'TooFewReplicas'
        : desired !== stabilized
          ? 'ScaleUpLimit'
          : 'DesiredWithinRange';
  conds = setCondition(
    conds,
    'ScalingLimited',
    reason === 'DesiredWithinRange' ? 'False' : 'True',
    reason,
    {
      TooManyReplicas: 'the desired replica count is more than the maximum replica count',
      TooFewReplicas: 'the desired replica count is less than the minimum replica count',
      ScaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
      DesiredWithinRange: 'the desired count is within the acceptable range',
    }[reason],
  );
  if (desired !== current)
    rescaled(
      ctx,
      hpa,
      desired,
      `cpu resource utilization (percentage of request) ${desired > current ? 'above' : 'below'} target`,
    );
  return { current, desired, conds, currentMetrics: metric.currentMetrics };
}

/** The replica count the CPU metric asks for, or why there is none. */
function metricProposal(
  ctx: SimContext,
  hpa: KObject,
  target: KObject,
  current: number,
): { replicas: number; currentMetrics: unknown[] } | { problem: string } {
  const spec = o(hpa.spec);
  const ref = o(spec.scaleTargetRef);
  const ns = meta(hpa).namespace ?? 'default';
  const metric = arr(spec.metrics).find((x) => x.type === 'Resource' && o(x.resource).name === 'cpu');
  const targetUtil = num(o(o(metric?.resource).target).averageUtilization, 80);
  const noRequest = arr(o(o(o(target.spec).template).spec).containers).find(
    (c) => o(o(c.resources).requests).cpu === undefined,
  );
  if (noRequest)
    return {
      problem: `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container ${String(noRequest.name)} of Pod ${String(ref.name)}-pod`,
    };
  const load = cpuUtilisation(ctx, ns, target);
  if (load === undefined)
    return {
      problem:
        'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    };
  const ratio = load / targetUtil;
  const replicas = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(current * ratio);
  return {
    replicas,
    currentMetrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageUtilization: Math.round(load), averageValue: `${Math.round(load)}m` },
        },
      },
    ],
  };
}

/** stabilizeRecommendationWithBehaviors: the lowest recent recommendation bounds a scale-up, the highest a scale-down. */
function stabilize(
  ctx: SimContext,
  memory: Memory,
  recommended: number,
  current: number,
  up: Rules,
  down: Rules,
): number {
  const now = Date.now();
  const longest = Math.max(up.windowSeconds, down.windowSeconds) * 1000 * ctx.timeScale;
  memory.recommendations = memory.recommendations.filter((r) => now - r.at <= longest);
  let upBound = recommended;
  let downBound = recommended;
  for (const r of memory.recommendations) {
    if (now - r.at < up.windowSeconds * 1000 * ctx.timeScale) upBound = Math.min(upBound, r.replicas);
    if (now - r.at < down.windowSeconds * 1000 * ctx.timeScale) downBound = Math.max(downBound, r.replicas);
  }
  memory.recommendations.push({ at: now, replicas: recommended });
  return Math.min(Math.max(current, upBound), downBound);
}

/** convertDesiredReplicasWithBehaviorRate: how far the scaling policies let the count move within their periods. */
function limitByPolicies(
  ctx: SimContext,
  memory: Memory,
  desired: number,
  current: number,
  up: Rules,
  down: Rules,
): number {
  const now = Date.now();
  const changeWithin = (periodSeconds: number, sign: 1 | -1) =>
    memory.events
      .filter((e) => now - e.at < periodSeconds * 1000 * ctx.timeScale && Math.sign(e.change) === sign)
      .reduce((n, e) => n + Math.abs(e.change), 0);
  const longest = Math.max(...[...up.policies, ...down.policies].map((p) => p.periodSeconds)) * 1000 * ctx.timeScale;
  memory.events = memory.events.filter((e) => now - e.at <= longest);
  if (desired > current) {
    if (up.selectPolicy === 'Disabled') return current;
    const limits = up.policies.map((p) => {
      const start = current - changeWithin(p.periodSeconds, 1);
      return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    });
    return Math.min(desired, up.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits));
  }
  if (desired < current) {
    if (down.selectPolicy === 'Disabled') return current;
    const limits = down.policies.map((p) => {
      const start = current + changeWithin(p.periodSeconds, -1);
      return p.type === 'Pods' ? start - p.value : Math.ceil(start * (1 - p.value / 100));
    });
    return Math.max(desired, down.selectPolicy === 'Min' ? Math.max(...limits) : Math.min(...limits));
  }
  return current;
}

function rescaled(ctx: SimContext, hpa: KObject, desired: number, reason: string): void {
  recordEvent(
    ctx,
    R.hpa,
    hpa,
    'Normal',
    'SuccessfulRescale',
    `New size: ${desired}; reason: ${reason}`,
    'horizontal-pod-autoscaler',
  );
}

function failed(ctx: SimContext, hpa: KObject, conds: Obj[], message: string): Obj[] {
  const before = conds.find((c) => c.type === 'ScalingActive');
  if (before?.reason !== 'FailedGetResourceMetric')
    recordEvent(
      ctx,
      R.hpa,
      hpa,
      'Warning',
      'FailedGetResourceMetric',
      message.replace('the HPA was unable to compute the replica count: ', ''),
      'horizontal-pod-autoscaler',
    );
  return setCondition(conds, 'ScalingActive', 'False', 'FailedGetResourceMetric', message);
}
