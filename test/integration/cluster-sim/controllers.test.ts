// Level 2: simulated controllers (deployments, rollouts, services, volumes, HPA, events, faults).
import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, json, kubectl, manifests, ok } from '../../support/simKubectl';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- loosely inspected API objects

describe('cluster simulator: controllers', () => {
  let sim: ClusterSimulator;
  const all = () => sim.objects() as Obj[];
  const pods = (ns: string, prefix = '') =>
    all().filter((o) => o.kind === 'Pod' && o.metadata.namespace === ns && o.metadata.name.startsWith(prefix));
  const find = (kind: string, ns: string, name: string) =>
    all().find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);

  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
  });
  after(() => sim.close());

  it('rolls a Deployment out through ReplicaSet and pods; kubectl rollout status succeeds', async () => {
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(
        manifests.namespace('app'),
        manifests.deployment('app', 'api', { replicas: 3 }),
        manifests.service('app', 'api'),
      ),
    );
    const out = await ok(sim, ['-n', 'app', 'rollout', 'status', 'deployment/api', '--timeout=30s']);
    assert.match(out, /deployment "api" successfully rolled out/);
    const rs = (await json(sim, ['-n', 'app', 'get', 'rs'])).items[0];
    assert.match(rs.metadata.name, /^api-[a-z0-9]{10}$/);
    assert.equal(rs.metadata.ownerReferences[0].kind, 'Deployment');
    const podList = (await json(sim, ['-n', 'app', 'get', 'pods'])).items as Obj[];
    assert.equal(podList.length, 3);
    for (const p of podList) {
      assert.equal(p.metadata.labels['pod-template-hash'], rs.metadata.labels['pod-template-hash']);
      assert.equal(p.metadata.ownerReferences[0].name, rs.metadata.name);
      assert.match(p.spec.nodeName, /^sim-node-\d$/);
      assert.match(p.status.podIP, /^10\.244\./);
      assert.equal(p.status.phase, 'Running');
      assert.equal(p.status.containerStatuses[0].ready, true);
    }
    const d = await json(sim, ['-n', 'app', 'get', 'deploy', 'api']);
    assert.equal(d.status.availableReplicas, 3);
    assert.equal(d.status.observedGeneration, d.metadata.generation);
    assert.deepEqual(d.status.conditions.map((c: Obj) => `${c.type}=${c.status}`).sort(), [
      'Available=True',
      'Progressing=True',
    ]);
  });

  it('fills Endpoints and EndpointSlices from ready pods', async () => {
    const ep = await json(sim, ['-n', 'app', 'get', 'endpoints', 'api']);
    assert.equal(ep.subsets[0].addresses.length, 3);
    assert.deepEqual(ep.subsets[0].ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const slices = await json(sim, ['-n', 'app', 'get', 'endpointslices', '-l', 'kubernetes.io/service-name=api']);
    assert.equal(slices.items[0].endpoints.length, 3);
  });

  it('records kubelet and controller Events readable with kubectl get events', async () => {
    const out = await ok(sim, ['-n', 'app', 'get', 'events']);
    for (const reason of [
      'Scheduled',
      'Pulling',
      'Pulled',
      'Created',
      'Started',
      'SuccessfulCreate',
      'ScalingReplicaSet',
    ])
      assert.match(out, new RegExp(`\\b${reason}\\b`));
  });

  it('performs a rolling update within maxSurge/maxUnavailable', async () => {
    let maxPods = 0;
    const timer = setInterval(() => (maxPods = Math.max(maxPods, pods('app', 'api-').length)), 5);
    try {
      await ok(
        sim,
        ['apply', '--server-side', '-f', '-'],
        manifests.deployment('app', 'api', { replicas: 3, image: 'ghcr.io/starter/node-api:1.1.0' }),
      );
      await ok(sim, ['-n', 'app', 'rollout', 'status', 'deployment/api', '--timeout=30s']);
    } finally {
      clearInterval(timer);
    }
    assert.ok(maxPods <= 4, `3 replicas + maxSurge 25% (=1) allows 4 pods, saw ${maxPods}`);
    const rs = (await json(sim, ['-n', 'app', 'get', 'rs'])).items as Obj[];
    assert.equal(rs.length, 2);
    const current = rs.find((r) => r.spec.template.spec.containers[0].image.endsWith(':1.1.0'))!;
    assert.equal(current.spec.replicas, 3);
    assert.equal(current.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    assert.equal(rs.find((r) => r !== current)!.spec.replicas, 0);
    await until(() => pods('app', 'api-').length === 3 || undefined, 'condition');
  });

  it('times each rollout from its own start: a restart long after the last one is not past its deadline', async () => {
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.deployment('app', 'later', { replicas: 1 }));
    // 80 s of progress deadline is 4 s at the simulator's 1/20 of real time: room for the restart on a loaded machine.
    await ok(sim, ['-n', 'app', 'patch', 'deployment/later', '-p', '{"spec":{"progressDeadlineSeconds":80}}']);
    await ok(sim, ['-n', 'app', 'rollout', 'status', 'deployment/later', '--timeout=30s']);
    await new Promise((resolve) => setTimeout(resolve, 5000)); // the whole deadline passes after the rollout
    const seen = new Set<string>();
    const progressing = () =>
      find('Deployment', 'app', 'later')?.status?.conditions?.find((c: Obj) => c.type === 'Progressing');
    const timer = setInterval(() => seen.add(String(progressing()?.reason)), 2);
    try {
      await ok(sim, ['-n', 'app', 'rollout', 'restart', 'deployment/later']);
      const out = await ok(sim, ['-n', 'app', 'rollout', 'status', 'deployment/later', '--timeout=30s']);
      assert.match(out, /deployment "later" successfully rolled out/);
    } finally {
      clearInterval(timer);
    }
    assert.ok(!seen.has('ProgressDeadlineExceeded'), `the Progressing reasons seen: ${[...seen].join(', ')}`);
    assert.ok(seen.has('ReplicaSetUpdated'), `the Progressing reasons seen: ${[...seen].join(', ')}`);
  });

  it('marks a rollout that makes no progress ProgressDeadlineExceeded; kubectl rollout status fails', async () => {
    sim.faults.failProbe('app', 'stuck-', 'readiness');
    try {
      await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.deployment('app', 'stuck', { replicas: 1 }));
      await ok(sim, ['-n', 'app', 'patch', 'deployment/stuck', '-p', '{"spec":{"progressDeadlineSeconds":20}}']);
      const run = await kubectl(sim, ['-n', 'app', 'rollout', 'status', 'deployment/stuck', '--timeout=30s']);
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /exceeded its progress deadline/);
    } finally {
      sim.faults.clear();
    }
  });

  it('runs a DaemonSet pod on each node and a StatefulSet in order with bound claims', async () => {
    const ds = `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: app}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: agent, image: grafana/alloy:v1.5.0}]}\n`;
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: app}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: postgres, image: postgres:16}]}\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;
    await ok(sim, ['apply', '--server-side', '-f', '-'], docs(ds, sts));
    await ok(sim, ['-n', 'app', 'rollout', 'status', 'daemonset/agent', '--timeout=30s']);
    assert.deepEqual(
      pods('app', 'agent-')
        .map((p) => p.spec.nodeName)
        .sort(),
      ['sim-node-1', 'sim-node-2', 'sim-node-3'],
    );
    await ok(sim, ['-n', 'app', 'rollout', 'status', 'statefulset/db', '--timeout=30s']);
    assert.deepEqual(
      pods('app', 'db-')
        .map((p) => p.metadata.name)
        .sort(),
      ['db-0', 'db-1'],
    );
    const pvc = await json(sim, ['-n', 'app', 'get', 'pvc', 'data-db-0']);
    assert.equal(pvc.status.phase, 'Bound');
    assert.match(pvc.spec.volumeName, /^pvc-/);
  });

  it('leaves a claim with an unknown storage class Pending, and its pod unschedulable', async () => {
    const pvc = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: fast, namespace: app}\nspec: {storageClassName: ultra-fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: uses-fast, namespace: app}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n  volumes: [{name: d, persistentVolumeClaim: {claimName: fast}}]\n`;
    await ok(sim, ['apply', '--server-side', '-f', '-'], docs(pvc, pod));
    await until(
      () =>
        sim
          .objects()
          .find(
            (o: Obj) => o.kind === 'Event' && o.reason === 'FailedScheduling' && o.involvedObject.name === 'uses-fast',
          ),
      'condition',
    );
    const p = await json(sim, ['-n', 'app', 'get', 'pod', 'uses-fast']);
    assert.equal(p.status.phase, 'Pending');
    assert.equal(p.status.conditions.find((c: Obj) => c.type === 'PodScheduled').reason, 'Unschedulable');
    assert.equal((await json(sim, ['-n', 'app', 'get', 'pvc', 'fast'])).status.phase, 'Pending');
  });

  it('reports HPA status from the simulated CPU load, FailedGetResourceMetric before any', async () => {
    const hpa = `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: app}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 3\n  maxReplicas: 8\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]\n`;
    await ok(sim, ['apply', '--server-side', '-f', '-'], hpa);
    const inactive = await until(
      () =>
        find('HorizontalPodAutoscaler', 'app', 'api')?.status?.conditions?.find((c: Obj) => c.type === 'ScalingActive'),
      'condition',
    );
    assert.equal(inactive.status, 'False');
    assert.equal(inactive.reason, 'FailedGetResourceMetric');
    sim.setCpuLoad('app', 'api', 100);
    const status = await until(() => {
      const s = find('HorizontalPodAutoscaler', 'app', 'api')?.status;
      return s?.desiredReplicas === 6 ? s : undefined;
    }, 'condition');
    assert.equal(status.currentMetrics[0].resource.current.averageUtilization, 100);
    await until(() => find('Deployment', 'app', 'api')?.spec.replicas === 6 || undefined, 'condition');
  });

  it('explains an HPA whose target containers have no CPU request, like the real controller', async () => {
    const bare = manifests
      .deployment('app', 'bare', { replicas: 1 })
      .replace('          resources: {requests: {cpu: 100m}}\n', '');
    const hpa = `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: bare, namespace: app}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: bare}\n  maxReplicas: 3\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]\n`;
    sim.setCpuLoad('app', 'bare', 90);
    await ok(sim, ['apply', '--server-side', '-f', '-'], docs(bare, hpa));
    const cond = await until(
      () =>
        find('HorizontalPodAutoscaler', 'app', 'bare')?.status?.conditions?.find(
          (c: Obj) => c.type === 'ScalingActive',
        ),
      'condition',
    );
    assert.equal(cond.reason, 'FailedGetResourceMetric');
    assert.match(cond.message, /missing request for cpu in container bare/);
  });

  it('turns injected image pull failures into ErrImagePull then ImagePullBackOff', async () => {
    sim.faults.imagePullFails('ghcr.io/starter/broken:0.0.1');
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      manifests.deployment('app', 'broken', { replicas: 1, image: 'ghcr.io/starter/broken:0.0.1' }),
    );
    const reasons = new Set<string>();
    await until(() => {
      const r = pods('app', 'broken-')[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (r) reasons.add(r);
      return reasons.has('ErrImagePull') && reasons.has('ImagePullBackOff') ? true : undefined;
    }, 'condition');
    const out = await ok(sim, ['-n', 'app', 'get', 'pods']);
    assert.match(out, /broken-\S+\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
  });

  it('restarts containers whose liveness probe fails, into CrashLoopBackOff', async () => {
    sim.faults.failProbe('app', 'live-', 'liveness');
    const extra = `          livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 2, failureThreshold: 2}\n`;
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.deployment('app', 'live', { replicas: 1, extra }));
    const cs = await until(() => {
      const c = pods('app', 'live-')[0]?.status?.containerStatuses?.[0];
      return c?.restartCount >= 1 && c.state.waiting?.reason === 'CrashLoopBackOff' ? c : undefined;
    }, 'condition');
    assert.equal(cs.lastState.terminated.exitCode, 137);
    assert.ok(
      sim
        .objects()
        .some((o: Obj) => o.kind === 'Event' && o.reason === 'Unhealthy' && /Liveness probe failed/.test(o.message)),
    );
    assert.ok(
      sim
        .objects()
        .some((o: Obj) => o.kind === 'Event' && o.reason === 'BackOff' && o.involvedObject.name.startsWith('live-')),
    );
  });

  it('simulates a crash loop and a failing readiness probe', async () => {
    sim.faults.crashLoop('app', 'crash-');
    sim.faults.failProbe('app', 'unready-', 'readiness');
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(
        manifests.deployment('app', 'crash', { replicas: 1 }),
        manifests.deployment('app', 'unready', { replicas: 1 }),
      ),
    );
    const cs = await until(() => {
      const c = pods('app', 'crash-')[0]?.status?.containerStatuses?.[0];
      return c?.restartCount >= 2 ? c : undefined;
    }, 'condition');
    assert.equal(cs.lastState.terminated.exitCode, 1);
    await until(
      () =>
        sim
          .objects()
          .some(
            (o: Obj) => o.kind === 'Event' && o.reason === 'Unhealthy' && o.involvedObject.name.startsWith('unready-'),
          ) || undefined,
      'condition',
    );
    const p = pods('app', 'unready-')[0]!;
    assert.equal(p.status.phase, 'Running');
    assert.equal(p.status.containerStatuses[0].ready, false);
    const d = await json(sim, ['-n', 'app', 'get', 'deploy', 'unready']);
    assert.equal(d.status.availableReplicas ?? 0, 0);
  });
});
