// Manifests with values a tool fills in before applying (envsubst and Flux `${VAR}`, kustomize `$(VAR)`, `{{ x }}`,
// `<project>`): their findings on those values are information, not errors; a real mistake beside
// them is still one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlaceholder } from '../../../src/lint/placeholders';
import { lintOne } from './helpers';

const TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: epp
  labels: { app: "\${APP_NAME:-epp}" }
spec:
  replicas: \${REPLICAS}
  selector:
    matchLabels: { app: "\${APP_NAME:-epp}" }
  template:
    metadata:
      labels: { app: "\${APP_NAME:-epp}" }
    spec:
      containers:
        - name: epp
          image: example/epp:1.0.0
          imagePullPolicy: Alwyas
          ports:
            - containerPort: \${GRPC_PORT:-9002}
          resources:
            requests: { memory: <memory>, cpu: <cpu-request> }
          readinessProbe:
            grpc: { port: $(HEALTH_PORT) }
---
apiVersion: v1
kind: Secret
metadata: { name: hf }
stringData:
  token: {{HF_TOKEN}}
`;

describe('placeholders', () => {
  it('findings on placeholder values are information; a real mistake beside them stays an error', () => {
    const findings = lintOne(TEMPLATE);
    const errors = findings.filter((f) => f.severity !== 'info');
    assert.deepEqual(
      errors.filter((f) => f.severity === 'error').map((f) => [f.range.start.line + 1, f.rule]),
      [[17, 'schema']],
    );
    const graded = findings.filter((f) => /looks like a placeholder/.test(f.message));
    assert.deepEqual(
      [...new Set(graded.map((f) => f.range.start.line + 1))].sort((a, b) => a - b),
      [5, 7, 9, 12, 19, 21, 23, 29],
    );
    assert.ok(graded.every((f) => f.severity === 'info'));
  });

  it('knows the placeholder forms, and not ordinary values', () => {
    for (const text of ['${VAR}', '"${NS:-default}"', 'app-$(SUFFIX)', '{{ .Values.x }}', '<your-project>'])
      assert.ok(isPlaceholder(text), text);
    // Capability, env and config-key names are spelt like a tutorial's PROJECT_ID: not placeholders.
    for (const text of ['Always', 'ALWAYS', 'web', '8080', '64Mi', '$5', 'a<b', 'TCP', 'NET_ADMIN', 'PROJECT_ID'])
      assert.ok(!isPlaceholder(text), text);
  });
});

describe('placeholders inside a block', () => {
  it('a finding on a whole block that holds a placeholder somewhere stays an error', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: web
      image: example/web:1.0.0
      ports:
        - name: http
          protocol: \${PROTOCOL}
`;
    const missing = lintOne(text).filter((f) => /Missing required field "containerPort"/.test(f.message));
    assert.deepEqual(
      missing.map((f) => [f.severity, f.range.start.line + 1]),
      [['error', 9]],
    );
  });
});
