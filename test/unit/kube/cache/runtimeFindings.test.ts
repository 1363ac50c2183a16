import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterCache } from '../../../../src/kube/cache/clusterCache';
import { indexManifest, locateObject } from '../../../../src/kube/cache/manifestIndex';
import { runtimeFindings } from '../../../../src/kube/cache/runtimeFindings';
import { FakeTransport, pod } from '../../../support/fakeTransport';
import { until } from '../../../support/until';

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: api
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: app
          image: app:1
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
          livenessProbe:
            tcpSocket: { port: 8080 }
`;

describe('manifestIndex', () => {
  it('finds workloads, their containers and the lines of image and probes', () => {
    const [workload] = indexManifest('file:///k8s/api.yaml', MANIFEST);
    assert.equal(workload?.kind, 'Deployment');
    assert.equal(workload?.namespace, undefined);
    const container = workload?.containers[0];
    assert.equal(container?.name, 'app');
    assert.equal(container?.imageRange?.start.line, 18);
    assert.equal(container?.readinessProbeRange?.start.line, 19);
    assert.equal(container?.readinessProbeRange?.end.line, 21, 'the probe range covers the whole block');
    assert.equal(container?.livenessProbeRange?.start.line, 21);
  });

  it('locates any object by kind and name', () => {
    assert.equal(locateObject(MANIFEST, 'Service', 'api')?.start.line, 3);
    assert.equal(locateObject(MANIFEST, 'Deployment', 'api')?.start.line, 8);
    assert.equal(locateObject(MANIFEST, 'Deployment', 'web'), undefined);
  });
});

describe('runtimeFindings', () => {
  async function cacheWith(status: Record<string, unknown>) {
    const transport = new FakeTransport();
    transport.put(
      'Deployment',
      { metadata: { name: 'api', namespace: 'starter' }, spec: { selector: { matchLabels: { app: 'api' } } } },
      false,
    );
    const template = pod('starter', 'api-1', {}, { app: 'api' });
    transport.put(
      'Pod',
      {
        ...template,
        spec: { containers: [{ name: 'app', image: 'app:1', readinessProbe: {}, livenessProbe: {} }] },
        status,
      },
      false,
    );
    const cache = new ClusterCache(transport);
    cache.openNamespace('starter');
    await until(
      () =>
        cache.status('Pod', 'starter')?.state === 'synced' && cache.status('Deployment', 'starter')?.state === 'synced',
      'the Pod and Deployment watches to sync',
    );
    return { cache, transport };
  }
  const manifests = indexManifest('file:///k8s/api.yaml', MANIFEST);

  it('puts a failing readiness probe on the probe block, an image pull error on the image line', async () => {
    const { cache, transport } = await cacheWith({
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { running: {} } }],
    });
    const [finding] = runtimeFindings(manifests, cache, 'starter');
    assert.equal(finding?.kind, 'readiness');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.range.start.line, 19);
    assert.match(
      finding?.message ?? '',
      /1 of 1 pods of Deployment starter\/api, container app: readiness probe failing/,
    );
    transport.put('Pod', {
      ...pod('starter', 'api-1', {}, { app: 'api' }),
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } },
        ],
      },
    });
    await until(() => runtimeFindings(manifests, cache, 'starter')[0]?.kind === 'image-pull', 'an image-pull finding');
    assert.equal(runtimeFindings(manifests, cache, 'starter')[0]?.range.start.line, 18);
    cache.dispose();
  });

  it('is empty when the pods are healthy, which clears the diagnostics', async () => {
    const { cache } = await cacheWith({
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }],
    });
    assert.deepEqual(runtimeFindings(manifests, cache, 'starter'), []);
    cache.dispose();
  });
});
