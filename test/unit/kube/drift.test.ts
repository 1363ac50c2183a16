import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDrift, detectDrift } from '../../../src/kube/drift';
import type { KubeObject } from '../../../src/kube/objects';

const manifest = (replicas: number, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'starter', labels: { app: 'web' } },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } },
});

/** The live object after `kubectl scale --replicas 2` (an Update by "kubectl" that took spec.replicas over). */
const scaledByHand = (): KubeObject => ({
  ...manifest(2, 'web:1'),
  metadata: {
    ...manifest(2, 'web:1').metadata,
    managedFields: [
      {
        manager: 'starter-stack',
        operation: 'Apply',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:template': {} } },
      },
      { manager: 'kubectl', operation: 'Update', subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
    ],
  },
  status: { replicas: 2 },
});

describe('drift: fields changed in the cluster outside the manifests', () => {
  it('names the field, both values and the manager that set it', () => {
    const drift = detectDrift(manifest(4, 'web:1'), scaledByHand());
    assert.deepEqual(drift, [{ path: 'spec.replicas', manifest: 4, live: 2, manager: 'kubectl' }]);
    assert.equal(describeDrift(drift[0]!), 'spec.replicas 4 → 2, set by kubectl');
  });

  it('an edit of the manifests (a field only we own) is a change, not drift', () => {
    assert.deepEqual(detectDrift(manifest(2, 'web:2'), scaledByHand()), []);
  });

  it('the same value, or a live object without managedFields, is no drift', () => {
    assert.deepEqual(detectDrift(manifest(2, 'web:1'), scaledByHand()), []);
    const { managedFields: _, ...bare } = scaledByHand().metadata;
    assert.deepEqual(detectDrift(manifest(4, 'web:1'), { ...scaledByHand(), metadata: bare }), []);
  });

  it('a list set by another manager counts as one field', () => {
    const live = scaledByHand();
    (live.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = [
      { name: 'web', image: 'web:hotfix' },
    ];
    (live.metadata.managedFields as unknown[]).push({
      manager: 'kubectl-set',
      operation: 'Update',
      fieldsV1: {
        'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } },
      },
    });
    const drift = detectDrift(manifest(2, 'web:1'), live);
    assert.deepEqual(
      drift.map((d) => [d.path, d.manager]),
      [['spec.template.spec.containers', 'kubectl-set']],
    );
  });
});
