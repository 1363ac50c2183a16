// False error patterns found on the held-out corpora (test/fixtures/lint-heldout*), one test per pattern:
// each reproduces the general shape, not the corpus file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintOne } from './helpers';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: site }
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: { number: 80 }
`;

describe('false errors the held-out corpora found', () => {
  it('an Ingress in front of a Service that selects no pods in the workspace is a warning, like service-selector', () => {
    const service =
      'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80, targetPort: 8080 }]\n';
    const findings = lintOne(`${INGRESS}---\n${service}`).filter((f) => f.rule === 'ingress-chain');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.range.start.line + 1]),
      [['warning', 13]],
    );
    assert.match(findings[0]?.message ?? '', /selects no pods in the workspace/);
  });

  it('an Ingress in front of a Service without a selector (hand-written endpoints) has no chain to follow', () => {
    const service =
      'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  ports: [{ port: 80, targetPort: 8080 }]\n';
    const endpoints =
      'apiVersion: v1\nkind: Endpoints\nmetadata: { name: web }\nsubsets:\n  - addresses: [{ ip: 10.0.0.5 }]\n    ports: [{ port: 8080 }]\n';
    const findings = lintOne(`${INGRESS}---\n${service}---\n${endpoints}`).filter((f) => f.severity === 'error');
    assert.deepEqual(findings, []);
  });
});
