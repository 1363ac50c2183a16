// The simulated HPA controller against the HPA v2 algorithm, read back with the real kubectl.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, json, manifests, ok } from '../../support/simKubectl';
import { until } from '../../support/until';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- objects inspected loosely
type Obj = Record<string, any>;

const hpa = (name: string, min: number, max: number, behavior = '') =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}, namespace: hpa}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}\n  minReplicas: ${min}\n  maxReplicas: ${max}\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]\n${behavior}`;

describe('cluster simulator: HPA v2 algorithm', () => {
  let sim: ClusterSimulator;
  const find = (kind: string, name: string): Obj | undefined =>
    (sim.objects() as Obj[]).find((o) => o.kind === kind && o.metadata.namespace === 'hpa' && o.metadata.name === name);
  const rescales = (name: string): string[] =>
    (sim.objects() as Obj[])
      .filter((o) => o.kind === 'Event' && o.reason === 'SuccessfulRescale' && o.involvedObject.name === name)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => e.message);

  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    await ok(sim, ['apply', '-f', '-'], manifests.namespace('hpa'));
  });
  after(() => sim.close());

  it('holds minReplicas without metrics, as kubectl get hpa shows', async () => {
    await ok(sim, ['apply', '-f', '-'], docs(manifests.deployment('hpa', 'held', { replicas: 1 }), hpa('held', 2, 5)));
    await until(
      () => find('Deployment', 'held')?.spec.replicas === 2 || undefined,
      'the Deployment at minReplicas',
      10_000,
    );
    const table = await until(
      async () => {
        const out = await ok(sim, ['get', 'hpa', 'held', '-n', 'hpa']);
        return /^held +Deployment\/held +cpu: <unknown>\/50% +2 +5 +2 /m.test(out) ? out : undefined;
      },
      'kubectl get hpa showing 2 replicas',
      10_000,
    );
    assert.match(table, /REPLICAS/);
    assert.deepEqual(rescales('held'), ['New size: 2; reason: Current number of replicas below Spec.MinReplicas']);
  });

  it('ignores a change within the 10% tolerance', async () => {
    await ok(sim, ['apply', '-f', '-'], docs(manifests.deployment('hpa', 'calm', { replicas: 2 }), hpa('calm', 2, 6)));
    sim.setCpuLoad('hpa', 'calm', 54);
    const status = await until(
      () => {
        const s = find('HorizontalPodAutoscaler', 'calm')?.status;
        return s?.currentMetrics ? s : undefined;
      },
      'a measured HPA',
      10_000,
    );
    assert.equal(status.currentMetrics[0].resource.current.averageUtilization, 54);
    assert.equal(status.desiredReplicas, 2);
    assert.equal(status.conditions.find((c: Obj) => c.type === 'ScalingActive').reason, 'ValidMetricFound');
  });

  it('scales up within the behavior policies, then down only after the stabilisation window, to minReplicas', async () => {
    const behavior =
      '  behavior:\n    scaleUp:\n      policies: [{type: Pods, value: 1, periodSeconds: 60}]\n    scaleDown:\n      stabilizationWindowSeconds: 60\n';
    await ok(
      sim,
      ['apply', '-f', '-'],
      docs(manifests.deployment('hpa', 'busy', { replicas: 2 }), hpa('busy', 2, 4, behavior)),
    );
    await until(() => find('HorizontalPodAutoscaler', 'busy')?.status?.conditions, 'a first sync', 10_000);
    sim.setCpuLoad('hpa', 'busy', 100);
    await until(() => find('Deployment', 'busy')?.spec.replicas === 4 || undefined, 'four replicas', 20_000);
    // One pod per period: 2 → 3 → 4, never straight to 4.
    assert.deepEqual(rescales('busy'), [
      'New size: 3; reason: cpu resource utilization (percentage of request) above target',
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
    ]);
    const limited = (await json(sim, ['get', 'hpa', 'busy', '-n', 'hpa'])).status;
    assert.equal(limited.desiredReplicas, 4);

    sim.setCpuLoad('hpa', 'busy', 10);
    const stabilized = await until(
      () =>
        find('HorizontalPodAutoscaler', 'busy')?.status?.conditions?.find(
          (c: Obj) => c.type === 'AbleToScale' && c.reason === 'ScaleDownStabilized',
        ),
      'ScaleDownStabilized',
      10_000,
    );
    assert.match(stabilized.message, /applying the highest recent recommendation/);
    await until(() => find('Deployment', 'busy')?.spec.replicas === 2 || undefined, 'back at minReplicas', 20_000);
    // The HPA's status (kubectl's REPLICAS column) follows at its next sync.
    const row = /^busy +Deployment\/busy +cpu: 10%\/50% +2 +4 +2 /m;
    await until(
      async () => row.test(await ok(sim, ['get', 'hpa', 'busy', '-n', 'hpa'])),
      'kubectl get hpa to show 2 replicas',
      20_000,
    );
  });
});
