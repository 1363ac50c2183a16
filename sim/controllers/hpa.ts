// HorizontalPodAutoscaler controller (autoscaling/v2, CPU utilisation only). The CPU figure comes from
// ClusterSimulator.setCpuLoad(namespace, deployment, percent) in place of metrics-server. Like the real
// controller: without metrics, or when target containers lack CPU requests, ScalingActive is False
// with reason FailedGetResourceMetric; otherwise desired = ceil(current * load / target) within
// [minReplicas, maxReplicas] (10% tolerance), and the target's replicas are changed.
// Simplified: no behavior/stabilization windows, one metric, Deployments and StatefulSets only.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { R, arr, modify, num, nowISO, o, setCondition } from './util';

/** The real controller syncs every 15 s. */
export const HPA_SYNC_MS = 15_000;

export function reconcileHPAs(ctx: SimContext): void {
  for (const hpa of ctx.store.view(R.hpa)) {
    const m = meta(hpa);
    const ns = m.namespace ?? 'default';
    const spec = o(hpa.spec);
    const ref = o(spec.scaleTargetRef);
    const targetType = ref.kind === 'StatefulSet' ? R.statefulSet : R.deployment;
    const target = ctx.store.peek(targetType, ns, String(ref.name));
    const metric = arr(spec.metrics).find((x) => x.type === 'Resource' && o(x.resource).name === 'cpu');
    const targetUtil = num(o(o(metric?.resource).target).averageUtilization, 80);
    const minR = num(spec.minReplicas, 1);
    const maxR = num(spec.maxReplicas, minR);
    let conds = arr(o(hpa.status).conditions);
    let current = 0;
    let desired = 0;
    let currentMetrics: unknown[] | undefined;
    if (!target) {
      conds = setCondition(conds, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${targetType.plural}.${targetType.group} "${String(ref.name)}" not found`);
    } else {
      current = num(o(target.spec).replicas, 1);
      desired = current;
      conds = setCondition(conds, 'AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
      const load = ctx.cpuLoad.get(`${ns}/${String(ref.name)}`);
      const noRequest = arr(o(o(o(target.spec).template).spec).containers).find((c) => o(o(c.resources).requests).cpu === undefined);
      const podName = `${String(ref.name)}-pod`;
      if (noRequest) {
        conds = failed(ctx, hpa, conds, `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container ${String(noRequest.name)} of Pod ${podName}`);
      } else if (load === undefined) {
        conds = failed(ctx, hpa, conds, 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API');
      } else {
        const ratio = load / targetUtil;
        desired = Math.abs(ratio - 1) <= 0.1 ? current : Math.ceil(current * ratio);
        desired = Math.min(maxR, Math.max(minR, desired));
        currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: Math.round(load), averageValue: `${Math.round(load)}m` } } }];
        conds = setCondition(conds, 'ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
        const limited = desired === maxR && Math.ceil(current * ratio) > maxR;
        conds = setCondition(conds, 'ScalingLimited', limited ? 'True' : 'False', limited ? 'TooManyReplicas' : 'DesiredWithinRange',
          limited ? 'the desired replica count is more than the maximum replica count' : 'the desired count is within the acceptable range');
        if (desired !== current) {
          modify(ctx, targetType, ns, String(ref.name), (t) => void ((t.spec as Record<string, unknown>).replicas = desired));
          recordEvent(ctx, R.hpa, hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: cpu resource utilization (percentage of request) ${desired > current ? 'above' : 'below'} target`, 'horizontal-pod-autoscaler');
        }
      }
    }
    modify(ctx, R.hpa, ns, m.name ?? '', (x) => {
      const prev = o(x.status);
      x.status = {
        ...(desired !== current ? { lastScaleTime: nowISO() } : prev.lastScaleTime ? { lastScaleTime: prev.lastScaleTime } : {}),
        currentReplicas: current, desiredReplicas: desired, ...(currentMetrics ? { currentMetrics } : {}), conditions: conds, observedGeneration: m.generation,
      };
    });
  }
}

function failed(ctx: SimContext, hpa: KObject, conds: Array<Record<string, unknown>>, message: string): Array<Record<string, unknown>> {
  const before = conds.find((c) => c.type === 'ScalingActive');
  if (before?.reason !== 'FailedGetResourceMetric') recordEvent(ctx, R.hpa, hpa, 'Warning', 'FailedGetResourceMetric', message.replace('the HPA was unable to compute the replica count: ', ''), 'horizontal-pod-autoscaler');
  return setCondition(conds, 'ScalingActive', 'False', 'FailedGetResourceMetric', message);
}
