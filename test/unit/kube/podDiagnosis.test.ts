import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/kube/objects';
import { diagnosePod } from '../../../src/kube/podDiagnosis';

const pod = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1' },
  spec,
  status,
});
const event = (reason: string, message: string, type = 'Warning'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `e-${reason}` },
  involvedObject: { kind: 'Pod', name: 'web-1' },
  reason,
  message,
  type,
  lastTimestamp: '2026-01-01T00:00:00Z',
});
const waiting = (reason: string, message = '') => ({
  phase: 'Pending',
  containerStatuses: [
    {
      name: 'web',
      image: 'nginx:nope',
      ready: false,
      restartCount: 4,
      state: { waiting: { reason, message } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    },
  ],
});

describe('diagnosePod', () => {
  it('a ready pod has no problem', () => {
    assert.equal(diagnosePod(pod({ conditions: [{ type: 'Ready', status: 'True' }] }), []), undefined);
  });
  it('image pull errors name the image', () => {
    const p = diagnosePod(pod(waiting('ImagePullBackOff', 'Back-off pulling image "nginx:nope"')), []);
    assert.equal(p?.reason, 'image-pull');
    assert.match(p?.message ?? '', /cannot pull image nginx:nope \(ImagePullBackOff: Back-off pulling/);
  });
  it('a crash loop gives the restarts and the last exit', () => {
    const p = diagnosePod(pod(waiting('CrashLoopBackOff')), [
      event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500'),
    ]);
    assert.equal(p?.reason, 'crash-loop');
    assert.match(p?.message ?? '', /restarted 4 times; last exit code 1 \(Error\); Liveness probe failed/);
  });
  it('a running pod that is not ready with Unhealthy events has a failing probe', () => {
    const p = diagnosePod(
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'web', ready: false, state: { running: {} } }],
      }),
      [event('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503')],
    );
    assert.deepEqual(p, {
      pod: 'web-1',
      reason: 'probe',
      message: 'probe failing: Readiness probe failed: HTTP probe failed with statuscode: 503',
    });
  });
  it('an unbound PVC names the claim', () => {
    const p = diagnosePod(
      pod(
        {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: 'pod has unbound immediate PersistentVolumeClaims',
            },
          ],
        },
        { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'db-data' } }] },
      ),
      [],
    );
    assert.equal(p?.reason, 'unbound-pvc');
    assert.match(p?.message ?? '', /PersistentVolumeClaim db-data/);
  });
  it('unschedulable pods carry the scheduler message', () => {
    const p = diagnosePod(pod({ phase: 'Pending' }), [
      event('FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.'),
    ]);
    assert.deepEqual(p, {
      pod: 'web-1',
      reason: 'unschedulable',
      message: 'cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.',
    });
  });
});
