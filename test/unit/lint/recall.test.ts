// Recall gaps the third held-out corpus found (test/fixtures/lint-heldout-3), checked across files and applications:
// each test reproduces the general shape, not the corpus file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, engineWith, lint, lintOne } from './helpers';

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: example/web:1.0.0 }]
`;
const PDB = (selector: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { ${selector} } }
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

describe('selectors that match no pods of their application', () => {
  it('a PodDisruptionBudget beside its workload is checked, and re-checked when the workload changes', () => {
    const engine = engineWith({ 'file:///app/deploy.yaml': WORKLOAD, 'file:///app/pdb.yaml': PDB('app: web') });
    assert.deepEqual(
      engine.lintFile('file:///app/pdb.yaml').filter((f) => f.rule === 'pdb-selector'),
      [],
    );
    const affected = engine.setFile('file:///app/deploy.yaml', WORKLOAD.replaceAll('app: web', 'app: api'));
    assert.ok(affected.includes('file:///app/pdb.yaml'));
    const found = engine.lintFile('file:///app/pdb.yaml').filter((f) => f.rule === 'pdb-selector');
    assert.deepEqual(
      found.map((f) => [f.severity, f.message]),
      [['warning', 'Selector app=web matches no pods in the workspace.']],
    );
  });

  for (const [rule, text] of [
    ['pdb-selector', PDB('app: web')],
    ['service-selector', SERVICE],
  ] as const) {
    it(`${rule}: pods only in another application are information naming their file`, () => {
      const found = lint({ 'file:///a/app.yaml': text, 'file:///b/deploy.yaml': WORKLOAD }).filter(
        (f) => f.rule === rule,
      );
      assert.equal(found.length, 1);
      assert.equal(found[0]?.severity, 'info');
      assert.match(
        found[0]?.message ?? '',
        /only Deployment shop\/web of another application does.*\/b\/deploy\.yaml:3/,
      );
      assert.equal(found[0]?.related?.[0]?.uri, 'file:///b/deploy.yaml');
    });
  }
});

describe('a Service or PodDisruptionBudget selector one typo away from its own workload', () => {
  const OBJECTS = {
    'service-selector': {
      uri: 'file:///app/svc.yaml',
      text: (selector: string) => SERVICE.replace('app: web', selector),
    },
    'pdb-selector': { uri: 'file:///app/pdb.yaml', text: (selector: string) => PDB(selector) },
  };
  /** The object's text and its selector findings, beside a Deployment whose pods are labelled `label`. */
  const check = (rule: keyof typeof OBJECTS, label: string, selector: string) => {
    const { uri, text } = OBJECTS[rule];
    const files = { 'file:///app/deploy.yaml': WORKLOAD.replaceAll('app: web', label), [uri]: text(selector) };
    return { files, uri, found: lint(files).filter((f) => f.rule === rule) };
  };
  const pair = (label: string) => label.replace(': ', '=');

  const TYPOS = [
    { label: 'app: web', selector: 'app: wbe' },
    { label: 'role: web', selector: 'rloe: web', fixed: false }, // a swap in the key (no fix is offered for a key)
    { label: 'app: web', selector: 'app: Web' }, // a case slip in a short value
  ];
  for (const rule of ['service-selector', 'pdb-selector'] as const)
    for (const { label, selector, fixed = true } of TYPOS)
      it(`${rule}: ${pair(selector)} for pods labelled ${pair(label)} is an error naming the workload`, () => {
        const { files, uri, found } = check(rule, label, selector);
        assert.deepEqual(
          found.map((f) => [f.severity, f.message]),
          [
            [
              'error',
              `Selector ${pair(selector)} matches no pods: did you mean ${pair(label)}, the label of Deployment shop/web's pods? (/app/deploy.yaml:3).`,
            ],
          ],
        );
        assert.match(files[uri]?.split('\n')[found[0]?.range.start.line ?? -1] ?? '', /selector/);
        assert.equal(found[0]?.related?.[0]?.uri, 'file:///app/deploy.yaml');
        if (!fixed) return;
        const edited = applyEdits(files[uri] ?? '', found[0]?.fixes?.[0]?.edits ?? []);
        assert.deepEqual(
          lint({ ...files, [uri]: edited }).filter((f) => f.rule === rule),
          [],
        );
      });

  const NOT_TYPOS = [
    { label: 'app: web-v1', selector: 'app: web-v2' }, // another version
    { label: 'app: api', selector: 'app: app' }, // another short word
    { label: 'app: web', selector: 'app: database' }, // another name
    { label: 'app: web', selector: 'app: web, tier: frontend' }, // a label the pods lack
  ];
  for (const rule of ['service-selector', 'pdb-selector'] as const)
    for (const { label, selector } of NOT_TYPOS)
      it(`${rule}: ${selector} for pods labelled ${pair(label)} stays a warning`, () => {
        assert.deepEqual(
          check(rule, label, selector).found.map((f) => f.severity),
          ['warning'],
        );
      });
});

const CRD = (type: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: caches.cache.example.com }
spec:
  group: cache.example.com
  names: { kind: Cache, plural: caches }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: object, properties: { replicas: { type: ${type} } } }
`;
const CACHE = 'apiVersion: cache.example.com/v1\nkind: Cache\nmetadata: { name: sessions }\nspec:\n  replicas: three\n';

describe('custom resources and the CustomResourceDefinition of another folder', () => {
  it('are checked against it, named in the message, and re-checked when it changes', () => {
    const engine = engineWith({ 'file:///crd/caches.yaml': CRD('integer'), 'file:///samples/cache.yaml': CACHE });
    const found = engine.lintFile('file:///samples/cache.yaml').filter((f) => f.severity !== 'info');
    assert.deepEqual(
      found.map((f) => [f.rule, f.range.start.line + 1, f.message]),
      [
        [
          'custom-resource',
          5,
          'spec.replicas: Wrong type: must be integer (schema of caches.cache.example.com v1) (/crd/caches.yaml:3).',
        ],
      ],
    );
    assert.ok(engine.setFile('file:///crd/caches.yaml', CRD('string')).includes('file:///samples/cache.yaml'));
    assert.deepEqual(engine.lintFile('file:///samples/cache.yaml'), []);
  });

  it('without the CRD are left unchecked, as information', () => {
    const found = lint({ 'file:///samples/cache.yaml': CACHE });
    assert.deepEqual(
      found.map((f) => f.rule),
      ['unknown-kind'],
    );
  });
});

describe('a custom resource against a large schema, validated through the part its fields reach', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: pools.net.example.com }
spec:
  group: net.example.com
  names: { kind: Pool, plural: pools }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [mode, members]
              properties:
                mode: { type: string, default: auto }
                unused: { type: object, required: [x], properties: { x: { type: integer } } }
                members:
                  type: array
                  items:
                    type: object
                    properties:
                      host: { type: string }
                      port: { type: integer, maximum: 65535 }
                      weight: { type: integer }
                    oneOf: [{ required: [host] }, { required: [port] }]
`;
  const pool = (members: string) =>
    `apiVersion: net.example.com/v1\nkind: Pool\nmetadata: { name: p }\nspec:\n  members:\n${members}`;
  const problems = (members: string) =>
    lint({ 'file:///p/crd.yaml': crd, 'file:///p/pool.yaml': pool(members) })
      .filter((f) => f.rule === 'custom-resource')
      .map((f) => [f.range.start.line + 1, f.message.replace(/ \(schema of.*$/, '')]);

  it('finds errors in fields any item of a list has, a defaulted required field being no error', () => {
    assert.deepEqual(problems('    - host: a\n    - port: 70000\n    - host: c\n      weight: heavy\n'), [
      [7, 'spec.members[1].port: Must be <= 65535'],
      [9, 'spec.members[2].weight: Wrong type: must be integer'],
    ]);
    assert.deepEqual(problems('    - host: a\n      port: 80\n'), [
      [6, 'spec.members[0]: Must match exactly one schema in oneOf'],
    ]);
    assert.deepEqual(problems('    - { host: a, prot: 80 }\n'), [[6, 'Unknown field "prot". Did you mean "port"?']]);
  });
});

const XRD = (maximum: number) => `apiVersion: apiextensions.crossplane.io/v1
kind: CompositeResourceDefinition
metadata: { name: xdatabases.platform.example.com }
spec:
  group: platform.example.com
  names: { kind: XDatabase, plural: xdatabases }
  claimNames: { kind: Database, plural: databases }
  versions:
    - name: v1alpha1
      served: true
      referenceable: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                storageGB: { type: integer, maximum: ${maximum} }
`;
const CLAIM =
  'apiVersion: platform.example.com/v1alpha1\nkind: Database\nmetadata: { name: orders, namespace: shop }\nspec:\n  storageGB: 2000\n  writeConnectionSecretToRef: { name: orders-db }\n';

describe('Crossplane claims and the XRD of another folder', () => {
  it('are checked against the schema Crossplane generates from it, and re-checked when it changes', () => {
    const engine = engineWith({ 'file:///platform/xrd.yaml': XRD(1000), 'file:///apps/db.yaml': CLAIM });
    assert.deepEqual(
      engine.lintFile('file:///apps/db.yaml').map((f) => [f.rule, f.range.start.line + 1, f.message]),
      [
        [
          'custom-resource',
          5,
          'spec.storageGB: Must be <= 1000 (schema of xdatabases.platform.example.com v1alpha1) (/platform/xrd.yaml:3).',
        ],
      ],
    );
    assert.ok(engine.setFile('file:///platform/xrd.yaml', XRD(4000)).includes('file:///apps/db.yaml'));
    assert.deepEqual(engine.lintFile('file:///apps/db.yaml'), []);
  });

  it('without the XRD are left unchecked, as information', () => {
    assert.deepEqual(
      lint({ 'file:///apps/db.yaml': CLAIM }).map((f) => f.rule),
      ['unknown-kind'],
    );
  });
});

describe('a CronJob schedule that sets its time zone', () => {
  it('offers to move the zone to spec.timeZone, which leaves a valid CronJob', () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: { name: report }
spec:
  schedule: "CRON_TZ=Europe/Paris 0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: report, image: example/report:1.0.0 }]
`;
    const finding = lint({ 'file:///cron.yaml': cron }).find((f) => f.rule === 'cron-schedule');
    const fix = finding?.fixes?.[0];
    assert.equal(fix?.title, 'Set timeZone: Europe/Paris and remove it from the schedule');
    const fixed = applyEdits(cron, fix?.edits ?? []);
    assert.match(fixed, /schedule: "0 3 \* \* \*"\n[\s\S]*timeZone: "Europe\/Paris"\n/);
    const after = lint({ 'file:///cron.yaml': fixed }).filter((f) =>
      ['cron-schedule', 'schema', 'unknown-field', 'yaml-syntax'].includes(f.rule),
    );
    assert.deepEqual(after, []);
  });
});

describe('a restartPolicy that is no restart policy at all', () => {
  it('is reported once, by the schema, not again by restart-policy', () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: { name: once }
spec:
  template:
    spec:
      restartPolicy: Neverr
      containers: [{ name: a, image: example/job:1.0.0 }]
`;
    const errors = lintOne(job).filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => `${f.range.start.line} ${f.rule}`),
      ['6 schema'],
    );
  });
});
