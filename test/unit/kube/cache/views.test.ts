import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hpaView } from '../../../../src/kube/cache/hpaView';
import { groupPodsByWorkload, ownerFromReferences } from '../../../../src/kube/cache/ownership';
import { podView } from '../../../../src/kube/cache/podView';
import { ingressRoutes, serviceView } from '../../../../src/kube/cache/serviceView';
import { ObjectStore, slimObject } from '../../../../src/kube/cache/store';
import type { KubeObject } from '../../../../src/kube/objects';

const obj = (kind: string, body: Record<string, unknown>): KubeObject =>
  ({ apiVersion: 'v1', kind, ...body }) as KubeObject;

function podWith(containerStatus: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return obj('Pod', {
    metadata: { name: 'api-1', namespace: 'starter', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { nodeName: 'n1', containers: [{ name: 'api', image: 'api:1', ...spec }] },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'api', image: 'api:1', restartCount: 0, ...containerStatus }],
    },
  });
}

describe('podView', () => {
  it('a running container that restarted shows its last termination; each pod its own probe handlers', () => {
    const restarted = podView(
      podWith(
        {
          ready: true,
          restartCount: 2,
          state: { running: { startedAt: '2026-01-01T00:05:00Z' } },
          lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-01-01T00:04:59Z' } },
        },
        { readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, livenessProbe: { tcpSocket: { port: 8080 } } },
      ),
    );
    const [api] = restarted.containers;
    assert.deepEqual(api?.lastTermination, { reason: 'OOMKilled', exitCode: 137, at: '2026-01-01T00:04:59Z' });
    assert.equal(restarted.restarts, 2);
    assert.deepEqual(api?.readiness, { kind: 'readiness', state: 'passing', handler: 'httpGet /ready :8080' });
    assert.deepEqual(api?.liveness, { kind: 'liveness', state: 'passing', handler: 'tcp :8080' });
    const other = podView(
      podWith(
        { ready: true, state: { running: { startedAt: '2026-01-01T00:05:00Z' } } },
        { readinessProbe: { httpGet: { path: '/healthz', port: 9090 } } },
      ),
    );
    assert.deepEqual(other.containers[0]?.readiness, {
      kind: 'readiness',
      state: 'passing',
      handler: 'httpGet /healthz :9090',
    });
    assert.deepEqual(other.containers[0]?.liveness, { kind: 'liveness', state: 'not-configured' });
    assert.equal(other.containers[0]?.lastTermination, undefined);
  });

  it('shows probes as passing, failing or not configured, with their handler', () => {
    const view = podView(
      podWith(
        { ready: false, state: { running: { startedAt: '2026-01-01T00:00:05Z' } } },
        { readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } },
      ),
    );
    const container = view.containers[0]!;
    assert.equal(container.readiness.state, 'failing');
    assert.equal(container.readiness.handler, 'httpGet /healthz :8080');
    assert.equal(container.liveness.state, 'not-configured');
    assert.equal(container.problem?.kind, 'readiness');
    assert.equal(view.health, 'warning');
  });

  it('reports the last termination (OOMKilled, exit code) and a crash loop', () => {
    const view = podWith({
      ready: false,
      restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
    });
    const v = podView(view);
    assert.deepEqual(v.containers[0]?.lastTermination, { reason: 'OOMKilled', exitCode: 137, at: undefined });
    assert.equal(v.containers[0]?.problem?.kind, 'crash-loop');
    assert.equal(v.reason, 'CrashLoopBackOff');
    assert.equal(v.restarts, 4);
    assert.equal(v.health, 'error');
  });

  it('names an image pull failure', () => {
    const v = podView(
      podWith({
        ready: false,
        image: 'api:nope',
        state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } },
      }),
    );
    assert.equal(v.containers[0]?.problem?.kind, 'image-pull');
    assert.match(v.containers[0]?.problem?.message ?? '', /api:nope.*ImagePullBackOff: not found/);
  });

  it('takes liveness failures from Unhealthy events of the current container instance', () => {
    const pod = podWith(
      { ready: true, state: { running: { startedAt: '2026-01-01T00:00:05Z' } } },
      { livenessProbe: { tcpSocket: { port: 5432 } } },
    );
    const event = (at: string) =>
      obj('Event', {
        metadata: { name: 'e' },
        reason: 'Unhealthy',
        type: 'Warning',
        message: 'Liveness probe failed: dial tcp: refused',
        lastTimestamp: at,
        involvedObject: { kind: 'Pod', name: 'api-1', fieldPath: 'spec.containers{api}' },
      });
    assert.equal(
      podView(pod, [event('2026-01-01T00:00:01Z')]).containers[0]?.liveness.state,
      'passing',
      'an event from before the restart is history',
    );
    const failing = podView(pod, [event('2026-01-01T00:00:09Z')]).containers[0]!;
    assert.equal(failing.liveness.state, 'failing');
    assert.equal(failing.liveness.handler, 'tcp :5432');
    assert.equal(failing.problem?.kind, 'liveness');
  });
});

describe('hpaView', () => {
  const hpa = (status: Record<string, unknown>) =>
    obj('HorizontalPodAutoscaler', {
      metadata: { name: 'api', namespace: 'starter' },
      spec: {
        minReplicas: 2,
        maxReplicas: 10,
        scaleTargetRef: { kind: 'Deployment', name: 'api' },
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        ],
      },
      status,
    });
  const target = (requests: boolean) =>
    obj('Deployment', {
      metadata: { name: 'api' },
      spec: {
        template: { spec: { containers: [{ name: 'api', resources: requests ? { requests: { cpu: '100m' } } : {} }] } },
      },
    });

  it('reads current/desired replicas and current vs target CPU', () => {
    const v = hpaView(
      hpa({
        currentReplicas: 3,
        desiredReplicas: 5,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 72 } } }],
      }),
      target(true),
    );
    assert.deepEqual(
      [v.currentReplicas, v.desiredReplicas, v.minReplicas, v.maxReplicas, v.cpuCurrent, v.cpuTarget, v.metricsProblem],
      [3, 5, 2, 10, 72, 60, undefined],
    );
  });

  it('explains missing metrics: no CPU requests, or metrics-server not answering', () => {
    assert.match(hpaView(hpa({}), target(false)).metricsProblem ?? '', /no CPU requests/);
    const inactive = hpa({
      conditions: [
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'FailedGetResourceMetric',
          message: 'unable to get metrics for resource cpu',
        },
      ],
    });
    assert.match(hpaView(inactive, target(true)).metricsProblem ?? '', /metrics-server/);
  });
});

describe('services and ingress routes', () => {
  it('counts ready and not-ready endpoints', () => {
    const service = obj('Service', {
      metadata: { name: 'api', namespace: 's' },
      spec: { type: 'ClusterIP', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const endpoints = obj('Endpoints', {
      metadata: { name: 'api' },
      subsets: [{ addresses: [{ ip: '1' }, { ip: '2' }], notReadyAddresses: [{ ip: '3' }] }],
    });
    const v = serviceView(service, endpoints);
    assert.deepEqual([v.readyEndpoints, v.notReadyEndpoints, v.ports[0]], [2, 1, '80→8080/TCP']);
  });

  it('lists every path of an Ingress with its URL', () => {
    const ingress = obj('Ingress', {
      metadata: { name: 'web', namespace: 's' },
      spec: {
        tls: [{ hosts: ['a.example'] }],
        rules: [
          {
            host: 'a.example',
            http: { paths: [{ path: '/api', backend: { service: { name: 'api', port: { number: 8080 } } } }] },
          },
        ],
      },
    });
    assert.deepEqual(
      ingressRoutes(ingress).map((r) => [r.path, r.service, r.port, r.url]),
      [['/api', 'api', '8080', 'https://a.example/api']],
    );
  });
});

describe('ownership', () => {
  it('finds a Deployment through its ReplicaSet name and pod-template-hash, else by selector', () => {
    const owned = obj('Pod', {
      metadata: {
        name: 'api-5d8f7-x',
        namespace: 's',
        labels: { app: 'api', 'pod-template-hash': '5d8f7' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5d8f7', controller: true }],
      },
    });
    assert.deepEqual(ownerFromReferences(owned), { kind: 'Deployment', namespace: 's', name: 'api' });
    const bare = obj('Pod', { metadata: { name: 'db-0', namespace: 's', labels: { app: 'db' } } });
    const db = {
      ...obj('StatefulSet', {
        metadata: { name: 'db', namespace: 's' },
        spec: { selector: { matchLabels: { app: 'db' } } },
      }),
      apiVersion: 'apps/v1',
    };
    const groups = groupPodsByWorkload([bare], [db]);
    assert.deepEqual([...groups.keys()], ['StatefulSet/s/db']);
  });
});

describe('ObjectStore', () => {
  it('replace reports additions, changes and removals, and ignores replays', () => {
    const store = new ObjectStore();
    const p = (name: string, rv: string) =>
      obj('Pod', { metadata: { name, namespace: 'a', resourceVersion: rv, managedFields: [{ manager: 'x' }] } });
    store.replace({ kind: 'Pod', namespace: 'a' }, [p('one', '1'), p('two', '1')]);
    assert.equal(
      store.get('Pod', 'a', 'one')?.metadata.managedFields,
      undefined,
      'managedFields is dropped to save memory',
    );
    const changes = store.replace({ kind: 'Pod', namespace: 'a' }, [p('one', '1'), p('three', '2')]);
    assert.deepEqual(changes.map((c) => `${c.type}:${c.name}`).sort(), ['added:three', 'deleted:two']);
  });

  it('holds an object with nothing to drop as it came (no copy per item); drops only the last-applied annotation', () => {
    const store = new ObjectStore();
    const plain = obj('Service', { metadata: { name: 'plain', namespace: 'a', resourceVersion: '1' } });
    const annotations = { team: 'web', 'kubectl.kubernetes.io/last-applied-configuration': '{"big":"json"}' };
    const applied = obj('Service', {
      metadata: { name: 'applied', namespace: 'a', resourceVersion: '1', annotations },
    });
    store.replace({ kind: 'Service', namespace: 'a' }, [plain, applied]);
    assert.equal(store.get('Service', 'a', 'plain'), plain);
    assert.deepEqual(store.get('Service', 'a', 'applied')?.metadata.annotations, { team: 'web' });
    assert.equal(applied.metadata.annotations?.team, 'web', 'the object given is not changed');
    const relist = store.replace({ kind: 'Service', namespace: 'a' }, [
      obj('Service', { metadata: { name: 'plain', namespace: 'a', resourceVersion: '2' } }),
      applied,
    ]);
    assert.deepEqual(
      relist.map((c) => `${c.type}:${c.name}`),
      ['modified:plain'],
    );
    assert.deepEqual(
      store.list('Service', 'a').map((o) => o.metadata.name),
      ['plain', 'applied'],
    );
  });

  /** A pod as the API sends it: with much the cache has no use for (env, volumes, resources, managed fields). */
  const fullPod = (name: string, rv: string, restarts: number): KubeObject =>
    obj('Pod', {
      metadata: {
        name,
        namespace: 'a',
        uid: `uid-${name}`,
        resourceVersion: rv,
        creationTimestamp: '2026-01-01T00:00:00Z',
        labels: { app: 'api', 'pod-template-hash': '5d8f7' },
        annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5d8f7', uid: 'rs-1', controller: true }],
        managedFields: [{ manager: 'kube-controller-manager', fieldsV1: { 'f:spec': {} } }],
      },
      spec: {
        nodeName: 'n1',
        volumes: [{ name: 'data', emptyDir: {} }],
        tolerations: [{ key: 'x', operator: 'Exists' }],
        containers: [
          {
            name: 'api',
            image: 'api:1',
            env: [{ name: 'TOKEN', value: 'not-kept' }],
            resources: { requests: { cpu: '100m' } },
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            livenessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.7',
        hostIP: '192.168.0.2',
        qosClass: 'Burstable',
        conditions: [{ type: 'Ready', status: restarts > 0 ? 'False' : 'True' }],
        containerStatuses: [
          {
            name: 'api',
            image: 'api:1',
            ready: restarts === 0,
            restartCount: restarts,
            state: restarts > 0 ? { waiting: { reason: 'CrashLoopBackOff' } } : { running: { startedAt: 't' } },
            lastState: restarts > 0 ? { terminated: { reason: 'Error', exitCode: 1, finishedAt: 't2' } } : {},
          },
        ],
      },
    });

  it('keeps of a pod what its row, tooltip, owner, replacement timer and ports read; drops the rest', () => {
    const store = new ObjectStore();
    const raw = fullPod('api-5d8f7-x', '1', 3);
    store.replace({ kind: 'Pod', namespace: 'a' }, [raw]);
    const kept = store.get('Pod', 'a', 'api-5d8f7-x');
    assert.ok(kept);
    assert.deepEqual(podView(kept), podView(raw), 'the tree shows the same pod');
    assert.deepEqual(ownerFromReferences(kept), ownerFromReferences(raw));
    assert.deepEqual(kept.metadata.ownerReferences, raw.metadata.ownerReferences);
    assert.equal(kept.metadata.uid, 'uid-api-5d8f7-x');
    assert.deepEqual((kept.status as { conditions: unknown }).conditions, [{ type: 'Ready', status: 'False' }]);
    const [container] = (kept.spec as { containers: Record<string, unknown>[] }).containers;
    assert.deepEqual(container?.ports, [{ containerPort: 8080 }]);
    assert.equal(container?.env, undefined, "a container's env is not kept");
    assert.equal((kept.spec as Record<string, unknown>).volumes, undefined);
    assert.equal(kept.metadata.managedFields, undefined);
    assert.equal(kept.metadata.annotations, undefined);
    assert.equal((kept.status as Record<string, unknown>).qosClass, undefined);
  });

  it('a pod slimmed as its LIST was parsed is kept as it is (not compacted again), and reads as the pod itself', () => {
    const raw = fullPod('api-5d8f7-x', '1', 3);
    const slimmed = slimObject('Pod', structuredClone(raw));
    const store = new ObjectStore();
    store.replace({ kind: 'Pod', namespace: 'a' }, [slimmed], true);
    const kept = store.get('Pod', 'a', 'api-5d8f7-x');
    assert.equal(kept, slimmed, 'the very object the transport slimmed');
    assert.deepEqual(kept, slimObject('Pod', raw));
    assert.deepEqual(podView(kept), podView(raw));
    // Not said to be slimmed (another transport, or a watch event): the store slims it, with the same result.
    const other = new ObjectStore();
    other.replace({ kind: 'Pod', namespace: 'a' }, [slimmed]);
    assert.notEqual(other.get('Pod', 'a', 'api-5d8f7-x'), slimmed);
    assert.deepEqual(other.get('Pod', 'a', 'api-5d8f7-x'), slimObject('Pod', raw));
  });

  it('a MODIFIED event replaces a compact pod, DELETED removes it, a relist replaces them all', () => {
    const store = new ObjectStore();
    const scope = { kind: 'Pod', namespace: 'a' } as const;
    store.replace(scope, [fullPod('one', '1', 0), fullPod('two', '1', 0)]);
    const modified = store.apply('Pod', 'MODIFIED', fullPod('one', '2', 2));
    assert.equal(modified?.type, 'modified');
    assert.equal(podView(store.get('Pod', 'a', 'one')!).restarts, 2);
    assert.equal(podView(store.get('Pod', 'a', 'one')!).reason, 'CrashLoopBackOff');
    assert.equal(store.apply('Pod', 'DELETED', fullPod('two', '3', 0))?.type, 'deleted');
    assert.equal(store.get('Pod', 'a', 'two'), undefined);
    const relist = store.replace(scope, [fullPod('one', '4', 0), fullPod('three', '4', 1)]);
    assert.deepEqual(relist.map((c) => `${c.type}:${c.name}`).sort(), ['added:three', 'modified:one']);
    assert.deepEqual(
      store.list('Pod', 'a').map((p) => [p.metadata.name, podView(p).restarts]),
      [
        ['one', 0],
        ['three', 1],
      ],
    );
  });
});
