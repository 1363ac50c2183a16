import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplacementTimer } from '../../../src/kube/replacement';
import type { KubeObject } from '../../../src/kube/objects';

const pod = (name: string, owner: string | undefined, ready: boolean): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'starter',
    uid: `uid-${name}`,
    ...(owner ? { ownerReferences: [{ uid: owner, controller: true, kind: 'ReplicaSet', name: 'rs' }] } : {}),
  },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe("ReplacementTimer: time from a pod's deletion to a ready replacement", () => {
  it('counts only a new, ready pod of the same controller', () => {
    const victim = pod('api-1', 'rs-a', true);
    const sibling = pod('api-2', 'rs-a', true);
    const timer = new ReplacementTimer(victim, [victim, sibling, pod('db-1', 'rs-b', true)], 1_000);
    assert.equal(timer.check([sibling], 1_500), undefined, 'the sibling existed before');
    assert.equal(timer.check([sibling, pod('api-3', 'rs-a', false)], 2_000), undefined, 'not ready yet');
    assert.equal(timer.check([sibling, pod('other-9', 'rs-b', true)], 2_500), undefined, 'another controller');
    assert.deepEqual(timer.check([sibling, pod('api-3', 'rs-a', true)], 5_200), { pod: 'api-3', ms: 4_200 });
  });

  it('knows that a bare pod has nothing to replace it', () => {
    assert.equal(new ReplacementTimer(pod('bare', undefined, true), [], 0).replaceable, false);
  });
});
