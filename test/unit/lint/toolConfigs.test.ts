import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from './helpers';

const doc = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;

describe("tools' configuration files that borrow apiVersion/kind", () => {
  const tools: [string, string, string][] = [
    ['skaffold.yaml', 'skaffold/v4beta11', 'Config'],
    ['Kptfile', 'kpt.dev/v1', 'Kptfile'],
    ['fn.yaml', 'fn.kpt.dev/v1alpha1', 'SetLabels'],
    ['plugin.yaml', 'builtin', 'PatchTransformer'],
    ['kind.yaml', 'kind.x-k8s.io/v1alpha4', 'Cluster'],
    ['kubeadm.yaml', 'kubeadm.k8s.io/v1beta4', 'ClusterConfiguration'],
    ['kubelet.yaml', 'kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration'],
    ['audit.yaml', 'audit.k8s.io/v1', 'Policy'],
    ['kubeconfig.yaml', 'v1', 'Config'],
    ['kapp.yaml', 'kapp.k14s.io/v1alpha1', 'Config'],
  ];
  for (const [file, apiVersion, kind] of tools) {
    it(`${file} (${apiVersion} ${kind}) gets no unknown-kind finding`, () => {
      const found = lint({ [`file:///repo/${file}`]: doc(apiVersion, kind) }).filter((f) => f.rule === 'unknown-kind');
      assert.deepEqual(
        found.map((f) => f.message),
        [],
      );
    });
  }

  it('a custom resource of a look-alike group is still reported', () => {
    for (const [apiVersion, kind] of [
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
      ['skaffold.example.org/v1', 'Config'],
      ['v2', 'Config'],
    ]) {
      const found = lint({ 'file:///repo/cr.yaml': doc(apiVersion!, kind!) }).filter((f) => f.rule === 'unknown-kind');
      assert.equal(found.length, 1, `${apiVersion} ${kind}`);
    }
  });
});
