// The HPA row while load rises and after it stops: desired replicas and CPU against target, then the scale-down
// held back by the stabilisation window, counted down.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainLocalize } from '../../../src/editor/tree/l10n';
import { HpaNode } from '../../../src/editor/tree/nodes/hpaNode';
import { countdownText, hpaView, scaleDownCountdown } from '../../../src/kube/cache/hpaView';
import type { KubeObject } from '../../../src/kube/objects';

const hpa = (reason: string, behavior?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'node-api', namespace: 'starter' },
  spec: {
    minReplicas: 2,
    maxReplicas: 5,
    scaleTargetRef: { kind: 'Deployment', name: 'node-api' },
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    ...(behavior ? { behavior } : {}),
  },
  status: {
    currentReplicas: 4,
    desiredReplicas: reason === 'ScaleDownStabilized' ? 4 : 5,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 5 } } }],
    conditions: [
      { type: 'AbleToScale', status: 'True', reason },
      { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
    ],
  },
});

describe('HPA row: scale-down countdown', () => {
  const now = Date.parse('2026-01-01T00:05:00Z');

  it('rising: desired above current, CPU against target, no countdown', () => {
    const view = hpaView(hpa('ReadyForNewScale'));
    assert.equal(view.scaleDownWindowSeconds, undefined);
    assert.equal(
      new HpaNode('h', undefined, view).render({ t: plainLocalize, now }).description,
      '4/5 · cpu 5%/70% · 2–5',
    );
  });

  it('held back: counts the default 300 s window down from when it was first seen', () => {
    const view = { ...hpaView(hpa('ScaleDownStabilized')), scaleDownSince: now - 50_000 };
    assert.equal(view.scaleDownWindowSeconds, 300);
    assert.equal(scaleDownCountdown(view, now), 250);
    const row = new HpaNode('h', undefined, view).render({ t: plainLocalize, now });
    assert.equal(row.description, '4/4 · cpu 5%/70% · 2–5 · scale-down in 4m 10s');
    assert.match(String(row.tooltip), /held back by the 5m 0s stabilisation window/);
    const due = new HpaNode('h', undefined, view).render({ t: plainLocalize, now: now + 400_000 });
    assert.match(String(due.description), /scale-down due$/);
  });

  it("uses the HPA's own behavior.scaleDown window", () => {
    const view = hpaView(hpa('ScaleDownStabilized', { scaleDown: { stabilizationWindowSeconds: 60 } }));
    assert.equal(view.scaleDownWindowSeconds, 60);
    assert.equal(scaleDownCountdown({ ...view, scaleDownSince: now }, now + 15_000), 45);
    assert.equal(countdownText(45), '45s');
  });
});
