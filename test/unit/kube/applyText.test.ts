import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyText } from '../../../src/kube/applyText';
import type { RolloutReport, WorkloadRollout } from '../../../src/kube/rollout';

const workload = (name: string, state: WorkloadRollout['state'], problems: WorkloadRollout['problems'] = []) => ({
  target: { kind: 'Deployment' as const, apiVersion: 'apps/v1', namespace: 'shop', name },
  state,
  problems,
});

describe('applyText.rolloutSummary', () => {
  it('counts a workload past its progress deadline as failed and lists its pods, apart from those still waiting', () => {
    const report: RolloutReport = {
      ready: false,
      timedOut: false,
      cancelled: false,
      failed: true,
      workloads: [
        workload('web', { ready: false, failed: true, message: 'progress deadline exceeded' }, [
          { pod: 'web-abc-12345', reason: 'not-ready', message: 'readiness probe failing' },
        ]),
        workload('api', { ready: false, message: '1 of 2 replicas available' }),
        workload('db', { ready: true, message: '1 of 1 replicas available' }),
      ],
    };
    assert.deepEqual(applyText.rolloutSummary(report), [
      'Rollout failed: 1 workload(s) cannot become available by waiting; stopped before the timeout.',
      '  Deployment shop/web: progress deadline exceeded',
      '    pod web-abc-12345: readiness probe failing',
      'Still not ready when the wait stopped:',
      '  Deployment shop/api: 1 of 2 replicas available',
    ]);
  });
});
