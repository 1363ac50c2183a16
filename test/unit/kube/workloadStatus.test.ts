import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/kube/objects';
import { podSelectorOf, rolloutState } from '../../../src/kube/workloadStatus';

const deployment = (status: Record<string, unknown>, generation = 2, replicas = 3): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation },
  spec: { replicas, selector: { matchLabels: { app: 'web', tier: 'front' } } },
  status,
});

describe('rolloutState', () => {
  it('waits for the controller to observe the spec', () => {
    assert.deepEqual(rolloutState(deployment({ observedGeneration: 1 })), {
      ready: false,
      message: 'waiting for the controller to observe the new spec',
    });
  });
  it('counts updated then available replicas like kubectl rollout status', () => {
    assert.equal(
      rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 })).message,
      '1 of 3 replicas updated',
    );
    assert.equal(
      rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 })).message,
      '1 old replicas pending termination',
    );
    assert.equal(
      rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }))
        .message,
      '2 of 3 replicas available',
    );
    assert.equal(
      rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 })).ready,
      true,
    );
  });
  it('reports an exceeded progress deadline as failed', () => {
    const s = rolloutState(
      deployment({
        observedGeneration: 2,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      }),
    );
    assert.equal(s.failed, true);
  });
  it("reads a deadline condition from before the new spec was observed as the last rollout's, not this one's", () => {
    const s = rolloutState(
      deployment({
        observedGeneration: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      }),
    );
    assert.equal(s.failed, undefined);
    assert.equal(s.message, 'waiting for the controller to observe the new spec');
  });
  it('handles StatefulSets and DaemonSets', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', generation: 1 },
      spec: { replicas: 1 },
      status: { observedGeneration: 1, readyReplicas: 1 },
    };
    assert.equal(rolloutState(sts).ready, true);
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ne', generation: 1 },
      status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    assert.deepEqual(rolloutState(ds), { ready: false, message: '2 of 3 pods available' });
  });
  it('builds the pod selector from matchLabels', () => {
    assert.equal(podSelectorOf(deployment({})), 'app=web,tier=front');
  });
});
