import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/kube/objects';
import { certainPodFailure } from '../../../src/kube/rolloutFailure';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

function pod(status: Record<string, unknown>, options: { created?: number; volumes?: unknown[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-1', namespace: 'starter', uid: 'u1', creationTimestamp: iso(options.created ?? NOW) },
    spec: {
      containers: [
        { name: 'sidecar', image: 'busybox' },
        { name: 'api', image: 'starter-stack/api:0.1.0' },
      ],
      volumes: options.volumes ?? [],
    },
    status,
  };
}
const waiting = (reason: string, message = ''): Record<string, unknown> => ({
  phase: 'Pending',
  containerStatuses: [
    { name: 'api', image: 'starter-stack/api:0.1.0', ready: false, state: { waiting: { reason, message } } },
  ],
});
const unschedulable = (message: string): Record<string, unknown> => ({
  phase: 'Pending',
  conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
});
const pvcEvent = (reason: string, message: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'data.1', namespace: 'starter' },
  involvedObject: { kind: 'PersistentVolumeClaim', name: 'data' },
  reason,
  message,
  type: 'Warning',
});

describe('certainPodFailure', () => {
  it('image pull failures of a new pod are certain and point at the image field', () => {
    for (const reason of ['ErrImagePull', 'ImagePullBackOff']) {
      const failure = certainPodFailure(pod(waiting(reason, 'pull access denied')), [], NOW);
      assert.deepEqual(failure, {
        cause: 'image',
        pod: 'api-1',
        field: 'spec.template.spec.containers[1].image',
        message: `cannot pull image starter-stack/api:0.1.0 (${reason}: pull access denied)`,
      });
    }
  });

  it('a pod that was already failing to pull before this deploy may recover (images loaded since): not certain', () => {
    const old = NOW - 5 * 60_000;
    assert.equal(certainPodFailure(pod(waiting('ImagePullBackOff'), { created: old }), [], NOW), undefined);
    // A malformed reference stays wrong however old the pod is.
    assert.equal(certainPodFailure(pod(waiting('InvalidImageName'), { created: old }), [], NOW)?.cause, 'image');
  });

  it('CreateContainerConfigError is certain, with the kubelet message', () => {
    const failure = certainPodFailure(pod(waiting('CreateContainerConfigError', 'secret "db" not found')), [], NOW);
    assert.deepEqual(failure, {
      cause: 'config',
      pod: 'api-1',
      field: 'spec.template.spec.containers[1]',
      message: 'container api cannot be created: secret "db" not found',
    });
  });

  it('a pod no node can schedule is certain; one waiting for a starting node is not', () => {
    const failure = certainPodFailure(pod(unschedulable('0/1 nodes are available: 1 Insufficient cpu.')), [], NOW);
    assert.deepEqual(failure, {
      cause: 'unschedulable',
      pod: 'api-1',
      field: 'spec.template.spec',
      message: 'no node can run it: 0/1 nodes are available: 1 Insufficient cpu.',
    });
    assert.equal(
      certainPodFailure(
        pod(
          unschedulable('0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.'),
        ),
        [],
        NOW,
      ),
      undefined,
    );
  });

  it('a claim being provisioned is progress; a claim the volume controller refused is certain', () => {
    const waitingForClaim = pod(
      unschedulable('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.'),
      { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
    );
    assert.equal(certainPodFailure(waitingForClaim, [], NOW), undefined);
    const refused = certainPodFailure(
      waitingForClaim,
      [pvcEvent('ProvisioningFailed', 'storageclass.storage.k8s.io "fast" not found')],
      NOW,
    );
    assert.deepEqual(refused, {
      cause: 'storage',
      pod: 'api-1',
      claim: 'data',
      message: 'PersistentVolumeClaim data cannot be bound: storageclass.storage.k8s.io "fast" not found',
    });
    const noClass = certainPodFailure(
      waitingForClaim,
      [pvcEvent('FailedBinding', 'no persistent volumes available for this claim and no storage class is set')],
      NOW,
    );
    assert.equal(noClass?.cause, 'storage');
  });

  it('ready, running or crash-looping pods are not fast failures (a crash loop may be a slow start)', () => {
    assert.equal(
      certainPodFailure(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), [], NOW),
      undefined,
    );
    assert.equal(certainPodFailure(pod(waiting('ContainerCreating')), [], NOW), undefined);
    assert.equal(certainPodFailure(pod(waiting('CrashLoopBackOff')), [], NOW), undefined);
  });
});
