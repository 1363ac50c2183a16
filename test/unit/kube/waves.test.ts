import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupIntoWaves, waveOf } from '../../../src/kube/waves';

describe('waves', () => {
  it('puts namespaces and CRDs first, config and RBAC second, workloads third, Ingress and HPA last', () => {
    assert.equal(waveOf('Namespace'), 0);
    assert.equal(waveOf('CustomResourceDefinition'), 0);
    for (const kind of [
      'ServiceAccount',
      'Role',
      'ClusterRole',
      'RoleBinding',
      'ClusterRoleBinding',
      'ConfigMap',
      'Secret',
      'PersistentVolumeClaim',
      'Service',
      'APIService',
    ]) {
      assert.equal(waveOf(kind), 1, kind);
    }
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'])
      assert.equal(waveOf(kind), 2, kind);
    assert.equal(waveOf('Ingress'), 3);
    assert.equal(waveOf('HorizontalPodAutoscaler'), 3);
  });

  it('sends unknown kinds with the workloads', () => {
    assert.equal(waveOf('PrometheusRule'), 2);
    assert.equal(waveOf('constructor'), 2, 'a kind named like an Object member is unknown too');
  });

  it('groups keeping the input order inside a wave', () => {
    const kinds = ['Ingress', 'Deployment', 'Secret', 'Namespace', 'ConfigMap', 'Widget', 'HorizontalPodAutoscaler'];
    const waves = groupIntoWaves(kinds, (k) => k);
    assert.deepEqual(waves, [
      ['Namespace'],
      ['Secret', 'ConfigMap'],
      ['Deployment', 'Widget'],
      ['Ingress', 'HorizontalPodAutoscaler'],
    ]);
  });
});
