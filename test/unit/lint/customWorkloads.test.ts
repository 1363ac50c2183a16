import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from './helpers';

const workload = (apiVersion: string, kind: string, port = 'http') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: checkout
spec:
  replicas: 2
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      containers:
        - name: checkout
          image: " "
          ports:
            - name: ${port}
              containerPort: 8080
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: checkout
spec:
  selector:
    app: checkout
  ports:
    - name: http
      port: 80
      targetPort: http
`;

const findings = (text: string) => lint({ 'file:///app/workload.yaml': text, 'file:///app/svc.yaml': service });
const rules = (text: string, ...ids: string[]) =>
  findings(text)
    .filter((f) => ids.includes(f.rule))
    .map((f) => `${f.rule} ${f.severity}`);

describe('custom workload kinds with a pod template', () => {
  for (const [apiVersion, kind] of [
    ['argoproj.io/v1alpha1', 'Rollout'],
    ['apps.openshift.io/v1', 'DeploymentConfig'],
    ['apps.kruise.io/v1alpha1', 'CloneSet'],
    ['example.org/v1', 'WebApp'],
  ]) {
    it(`a Service selecting a ${kind}'s template has pods`, () => {
      assert.deepEqual(rules(workload(apiVersion!, kind!), 'service-selector', 'service-target-port'), []);
    });
  }

  it('Argo Rollouts and OpenShift DeploymentConfigs are linted like Deployments, a port typo included', () => {
    const rollout = workload('argoproj.io/v1alpha1', 'Rollout', 'htpp');
    assert.deepEqual(rules(rollout, 'service-target-port', 'probe-missing'), [
      'probe-missing warning',
      'service-target-port error',
    ]);
    // The blank image an OpenShift image trigger fills in is not an untagged image.
    assert.deepEqual(rules(workload('apps.openshift.io/v1', 'DeploymentConfig'), 'image-tag'), []);
  });

  it("an unknown kind's template only counts as the selector's target: no pod-level findings, no port verdicts", () => {
    const unknown = workload('example.org/v1', 'WebApp', 'htpp');
    assert.deepEqual(
      rules(unknown, 'service-target-port', 'probe-missing', 'resources-missing', 'run-as-non-root'),
      [],
    );
  });

  it('a template without labels or containers is not a pod template', () => {
    const bare = workload('example.org/v1', 'WebApp').replace('      labels:\n        app: checkout\n', '');
    assert.deepEqual(rules(bare, 'service-selector'), ['service-selector warning']);
  });
});
