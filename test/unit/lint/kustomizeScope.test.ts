import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineWith, lint } from './helpers';

// base/ (a Deployment and its Service) shared by two overlays. prod adds an HPA and an Ingress for them; dev builds
// on a nested base (mid, which lists base) and a component with an Ingress. Both add a same-named worker.
const deployment = (name: string, port = 'http') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: example/${name}:1.0.0
          ports:
            - name: ${port}
              containerPort: 8080
`;

const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
`;

const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${target}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
  minReplicas: 2
  maxReplicas: 4
`;

const ingress = (service: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${service}
spec:
  defaultBackend:
    service:
      name: ${service}
      port:
        name: http
`;

const kustomization = (...entries: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${entries.join('\n')}\n`;

const files = {
  'file:///repo/base/kustomization.yaml': kustomization('resources:', '  - deployment.yaml', '  - service.yaml'),
  'file:///repo/base/deployment.yaml': deployment('ledger'),
  'file:///repo/base/service.yaml': service('ledger'),
  'file:///repo/components/debug/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ingress.yaml\n',
  'file:///repo/components/debug/ingress.yaml': ingress('ledger'),
  'file:///repo/overlays/prod/kustomization.yaml': kustomization(
    'resources:',
    '  - ../../base',
    '  - hpa.yaml',
    '  - ingress.yaml',
    '  - worker.yaml',
  ),
  'file:///repo/overlays/prod/hpa.yaml': hpa('ledger'),
  'file:///repo/overlays/prod/ingress.yaml': ingress('ledger'),
  'file:///repo/overlays/prod/worker.yaml': `${deployment('worker')}---\n${service('worker')}`,
  'file:///repo/overlays/dev/kustomization.yaml': kustomization(
    'resources:',
    '  - ../mid',
    'components:',
    '  - ../../components/debug',
  ),
  // dev builds on a nested base (mid lists base), and has its own worker whose port is named differently.
  'file:///repo/overlays/mid/kustomization.yaml': kustomization('resources:', '  - ../../base', '  - worker.yaml'),
  'file:///repo/overlays/mid/worker.yaml': `${deployment('worker', 'web')}---\n${service('worker')}`,
};

describe('kustomize applications: an overlay with its bases and components', () => {
  it("resolves an overlay's references to its base's objects, through nested bases and components", () => {
    const found = lint(files).filter((f) => f.uri.includes('/overlays/') || f.uri.includes('/components/'));
    const crossObject = ['hpa-target', 'ingress-backend', 'ingress-chain', 'service-selector'];
    assert.deepEqual(
      found.filter((f) => crossObject.includes(f.rule)).map((f) => `${f.uri}:${f.range.start.line + 1} ${f.message}`),
      [],
    );
  });

  it("does not join the overlays sharing a base: each one's objects meet only its own", () => {
    const found = lint(files).filter((f) => f.rule === 'service-target-port');
    // mid's worker Service sees mid's worker (port "web"), never prod's: one finding, naming mid's file.
    assert.deepEqual(
      found.map((f) => `${f.uri} ${f.related?.[0]?.uri}`),
      ['file:///repo/overlays/mid/worker.yaml file:///repo/overlays/mid/worker.yaml'],
    );
  });

  it('without the overlay listing the base, the base is another application (an info, not a resolved reference)', () => {
    const alone = {
      ...files,
      'file:///repo/overlays/prod/kustomization.yaml': kustomization('resources:', '  - hpa.yaml'),
    };
    const found = lint(alone).filter((f) => f.rule === 'hpa-target' && f.uri.endsWith('/prod/hpa.yaml'));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'info');
    assert.match(found[0]?.message ?? '', /only another application has Deployment ledger/);
  });
});

// One base, two overlays that set different namespaces: kustomize puts the base's Deployment (which names
// `default` itself) into each overlay's namespace, beside that overlay's ConfigMap.
const settings = (namespace: string, key: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${namespace}\ndata:\n  ${key}: "1"\n`;
const namespaced = {
  'file:///ns/base/kustomization.yaml': kustomization('resources:', '  - deployment.yaml'),
  'file:///ns/base/deployment.yaml': deployment('api')
    .replace('  name: api\n', '  name: api\n  namespace: default\n')
    .replace(
      '          ports:',
      '          env:\n            - name: LOG_LEVEL\n              valueFrom:\n                configMapKeyRef: { name: settings, key: LOG_LEVEL }\n          ports:',
    ),
  'file:///ns/overlays/prod/kustomization.yaml': kustomization(
    'namespace: prod',
    'resources:',
    '  - ../../base',
    '  - settings.yaml',
  ),
  'file:///ns/overlays/prod/settings.yaml': settings('prod', 'LOG_LEVEL'),
  'file:///ns/overlays/dev/kustomization.yaml': kustomization(
    'namespace: dev',
    'resources:',
    '  - ../../base',
    '  - settings.yaml',
  ),
  'file:///ns/overlays/dev/settings.yaml': settings('dev', 'DEBUG'),
};

describe("kustomize applications: an overlay's namespace", () => {
  it("puts a shared base's objects into each overlay's namespace, with findings at the base's own lines", () => {
    const found = lint(namespaced).filter((f) => f.rule === 'config-ref');
    // prod's ConfigMap has the key; dev's does not. Neither is taken for "not in the workspace".
    assert.deepEqual(
      found.map((f) => `${f.uri}:${f.range.start.line + 1} ${f.severity} ${f.message}`),
      [
        'file:///ns/base/deployment.yaml:21 error ConfigMap dev/settings has no key "LOG_LEVEL" (keys: DEBUG) (/ns/overlays/dev/settings.yaml:4).',
      ],
    );
  });

  it('reports a problem every overlay shares once, at the base', () => {
    const found = lint({ ...namespaced, 'file:///ns/overlays/prod/settings.yaml': settings('prod', 'DEBUG') }).filter(
      (f) => f.rule === 'config-ref',
    );
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.equal(found[0]?.uri, 'file:///ns/base/deployment.yaml');
    assert.match(found[0]?.message ?? '', /has no key "LOG_LEVEL"/);
  });

  it("leaves a base's own namespace where the overlay sets none: a ConfigMap of another namespace stays apart", () => {
    const found = lint({
      ...namespaced,
      'file:///ns/overlays/prod/kustomization.yaml': kustomization('resources:', '  - ../../base', '  - settings.yaml'),
    }).filter((f) => f.rule === 'config-ref');
    assert.deepEqual(
      found.map((f) => `${f.uri}:${f.range.start.line + 1} ${f.severity} ${f.message}`),
      [
        'file:///ns/base/deployment.yaml:21 info ConfigMap "settings" is not in the workspace.',
        'file:///ns/base/deployment.yaml:21 error ConfigMap dev/settings has no key "LOG_LEVEL" (keys: DEBUG) (/ns/overlays/dev/settings.yaml:4).',
      ],
    );
  });
  it("finds a shared base's pods from an overlay's Service in the overlay's namespace, and re-checks it when they change", () => {
    const prodService = service('api').replace('  name: api\n', '  name: api\n  namespace: prod\n');
    const engine = engineWith({ ...namespaced, 'file:///ns/overlays/prod/service.yaml': prodService });
    engine.setFile(
      'file:///ns/overlays/prod/kustomization.yaml',
      kustomization('namespace: prod', 'resources:', '  - ../../base', '  - settings.yaml', '  - service.yaml'),
    );
    const serviceFindings = () =>
      engine.lintFile('file:///ns/overlays/prod/service.yaml').map((f) => `${f.rule} ${f.severity}`);
    assert.deepEqual(serviceFindings(), []);
    const renamed = namespaced['file:///ns/base/deployment.yaml'].replace('- name: http', '- name: web');
    assert.ok(
      engine.setFile('file:///ns/base/deployment.yaml', renamed).includes('file:///ns/overlays/prod/service.yaml'),
    );
    assert.deepEqual(serviceFindings(), ['service-target-port error']);
  });
});
