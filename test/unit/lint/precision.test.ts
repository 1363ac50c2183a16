// False error patterns found on the held-out corpora (test/fixtures/lint-heldout*), one test per pattern:
// each reproduces the general shape, not the corpus file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, lintOne } from './helpers';

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

const JOB = `apiVersion: batch/v1
kind: Job
metadata: { name: migrate }
spec:
  podFailurePolicy:
    rules:
      - action: Ignore
        onPodConditions:
          - type: DisruptionTarget
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: example/migrate:1.0.0
          resources:
            limits: { cpu: 100m, memory: 64MB }
`;

describe('schema findings the held-out corpora corrected', () => {
  it('a field the API server defaults (onPodConditions status, "Defaults to True") is not a missing required field', () => {
    const schema = lintOne(JOB).filter((f) => f.rule === 'schema');
    assert.ok(!schema.some((f) => /Missing required field "status"/.test(f.message)), JSON.stringify(schema));
  });

  it("a binding's roleRef without apiGroup (rbac/v1 defaults it) is not a missing required field; without kind it is", () => {
    const binding = (roleRef: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: pod-reader }
subjects: [{ kind: ServiceAccount, name: default, namespace: default }]
roleRef: { ${roleRef} }
`;
    const schema = (roleRef: string) =>
      lintOne(binding(roleRef))
        .filter((f) => f.rule === 'schema')
        .map((f) => f.message);
    assert.deepEqual(schema('kind: ClusterRole, name: view'), []);
    assert.deepEqual(schema('name: view'), ['Missing required field "kind".']);
  });

  it('a quantity with a wrong suffix is named as such, not as "must be number"', () => {
    const schema = lintOne(JOB).filter((f) => f.rule === 'schema');
    assert.deepEqual(
      schema.map((f) => [f.range.start.line + 1, f.message]),
      [[17, 'Not a valid quantity: a number with an optional suffix such as m, Ki, Mi, Gi, k, M or G.']],
    );
  });
});

describe('YAML aliases and syntax errors: one finding, where the problem is', () => {
  const DUPLICATE = 'A key appears twice in the same mapping.';
  const CASES: { title: string; rule: string; text: string; found: [number, number, string][] }[] = [
    {
      title: 'a wrong value in an anchored block is one finding, at the anchor, not one more at each alias',
      rule: 'schema',
      text: `apiVersion: v1
kind: Pod
metadata: { name: worker }
spec:
  containers:
    - name: worker
      image: example/worker:1.0.0
      env: &env
        - name: CONCURRENCY
          value: 4
    - name: beat
      image: example/worker:1.0.0
      env: *env
`,
      found: [[10, 17, 'Wrong type: must be string.']],
    },
    {
      title: 'an alias to an anchor of another document is reported at the alias, saying anchors do not cross ---',
      rule: 'yaml-syntax',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: &shared\n  k: v\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\ndata: *shared\n',
      found: [
        [10, 6, 'An alias refers to an anchor this document does not define (anchors do not carry across `---`).'],
      ],
    },
    {
      title: 'one tab used as indentation is one finding, on its line, not a cascade of parser guesses around it',
      rule: 'yaml-syntax',
      text: 'apiVersion: v1\nkind: Service\nmetadata: { name: wiki }\nspec:\n  ports:\n\t- port: 80\n    targetPort: 80\n',
      found: [[6, 0, 'A tab used for indentation.']],
    },
    {
      title: 'each duplicate key is still reported, beside a structural error',
      rule: 'yaml-syntax',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata:\n  a: "1"\n  a: "2"\n  b: "1"\n  b: "2"\n  c:\n\t- x\n',
      found: [
        [6, 2, DUPLICATE],
        [8, 2, DUPLICATE],
        [10, 0, 'A tab used for indentation.'],
      ],
    },
  ];
  for (const { title, rule, text, found } of CASES)
    it(title, () => {
      const findings = lintOne(text).filter((f) => f.rule === rule);
      assert.deepEqual(
        findings.map((f) => [f.range.start.line + 1, f.range.start.character, f.message]),
        found,
      );
      assert.ok(findings.every((f) => f.severity === 'error'));
    });
});

describe('a named targetPort, resolved pod by pod as Kubernetes does', () => {
  const WORKLOADS = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: cache, namespace: team }
spec:
  serviceName: cache
  selector: { matchLabels: { app: cache } }
  template:
    metadata: { labels: { app: cache } }
    spec:
      containers:
        - name: redis
          image: example/redis:7.2.5
          ports: [{ name: redis, containerPort: 6379 }]
---
apiVersion: v1
kind: Pod
metadata:
  name: cache-test-connection
  namespace: team
  labels: { app: cache }
  annotations: { helm.sh/hook: test }
spec:
  restartPolicy: Never
  containers:
    - name: check
      image: example/redis:7.2.5
`;
  const service = (targetPort: string) => `apiVersion: v1
kind: Service
metadata: { name: cache, namespace: team }
spec:
  selector: { app: cache }
  ports: [{ name: tcp, port: 6379, targetPort: ${targetPort} }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: cache, namespace: team }
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: cache, port: { name: tcp } } }
`;

  it('a pod the selector also picks without the port (a helm test pod) does not break a Service the workload serves', () => {
    const findings = lint({ 'file:///c/workloads.yaml': WORKLOADS, 'file:///c/service.yaml': service('redis') });
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('a name no selected pod has is one error, on the Service; the Ingress route says so as information', () => {
    const findings = lint({ 'file:///c/workloads.yaml': WORKLOADS, 'file:///c/service.yaml': service('rdis') });
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.uri, f.range.start.line + 1]),
      [
        ['service-target-port', 'file:///c/service.yaml', 6],
        ['service-target-port', 'file:///c/service.yaml', 6],
      ],
    );
    const chain = findings.filter((f) => f.rule === 'ingress-chain');
    assert.deepEqual(
      chain.map((f) => [f.severity, f.range.start.line + 1]),
      [['info', 17]],
    );
    assert.match(chain[0]?.message ?? '', /^Route broken at Service team\/cache/);
  });
});

describe('a fragment: an object with neither metadata.name nor generateName', () => {
  const SNIPPET = `# Merge into your Deployment.
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelectr: {}
`;

  it('is checked for what it says (an unknown field), not for what it leaves out, and noted once', () => {
    const findings = lintOne(SNIPPET);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.rule, f.range.start.line + 1]),
      [
        ['info', 'schema', 3],
        ['error', 'unknown-field', 11],
      ],
    );
    assert.match(findings[0]?.message ?? '', /without metadata\.name or generateName: checked as a fragment/);
  });

  it("a tool's config file (kubeadm, kind, kubeconfig), nameless by design, is neither a fragment nor anything else", () => {
    for (const text of [
      'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.30.0\n',
      'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: [{ role: control-plane }]\n',
      'apiVersion: v1\nkind: Config\nclusters: []\n',
    ])
      assert.deepEqual(lintOne(text), [], text);
  });

  it('with a name, the same object is a whole one: its missing fields are errors', () => {
    const named = SNIPPET.replace('kind: Deployment\n', 'kind: Deployment\nmetadata: { name: web }\n');
    const missing = lintOne(named).filter((f) => f.severity === 'error' && /Missing required/.test(f.message));
    assert.deepEqual(
      missing.map((f) => f.message),
      ['Missing required field "selector".', 'Missing required field "containers".'],
    );
  });
});
