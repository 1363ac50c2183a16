import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintOne } from './helpers';

const object = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;
const findings = (apiVersion: string, kind: string) =>
  lintOne(object(apiVersion, kind))
    .filter((f) => f.rule === 'deprecated-api')
    .map((f) => `${f.severity} ${f.message}`);

// The removals of the Kubernetes deprecated API migration guide, with the release that stopped serving each.
describe('deprecated-api', () => {
  it('reports an apiVersion the guide lists as removed, with its release and replacement', () => {
    for (const [apiVersion, kind, message] of [
      ['node.k8s.io/v1beta1', 'RuntimeClass', 'removed in Kubernetes 1.25: use node.k8s.io/v1.'],
      ['events.k8s.io/v1beta1', 'Event', 'removed in Kubernetes 1.25: use events.k8s.io/v1.'],
      ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', 'removed in Kubernetes 1.27: use storage.k8s.io/v1.'],
      ['storage.k8s.io/v1beta1', 'StorageClass', 'removed in Kubernetes 1.22: use storage.k8s.io/v1.'],
      ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', 'removed in Kubernetes 1.26'],
      ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest', 'removed in Kubernetes 1.22'],
      ['coordination.k8s.io/v1beta1', 'Lease', 'removed in Kubernetes 1.22'],
      ['authorization.k8s.io/v1beta1', 'SubjectAccessReview', 'removed in Kubernetes 1.22'],
      ['extensions/v1beta1', 'PodSecurityPolicy', 'removed in Kubernetes 1.16'],
      ['admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', 'removed in Kubernetes 1.22'],
    ]) {
      const [finding, ...others] = findings(apiVersion ?? '', kind ?? '');
      assert.equal(others.length, 0, `${apiVersion} ${kind}`);
      assert.ok(finding?.startsWith(`error ${apiVersion} ${kind} was `) && finding.includes(message ?? ''), finding);
    }
  });

  it('leaves alone the newer kinds a group serves at the same version', () => {
    for (const [apiVersion, kind] of [
      ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy'],
      ['networking.k8s.io/v1beta1', 'ServiceCIDR'],
      ['storage.k8s.io/v1beta1', 'VolumeAttributesClass'],
      ['node.k8s.io/v1', 'RuntimeClass'],
    ])
      assert.deepEqual(findings(apiVersion ?? '', kind ?? ''), [], `${apiVersion} ${kind}`);
  });
});
