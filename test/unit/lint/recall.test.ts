// Recall gaps the third held-out corpus found (test/fixtures/lint-heldout-3), checked across files and applications:
// each test reproduces the general shape, not the corpus file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineWith, lint } from './helpers';

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
const PDB = (app: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: ${app} } }
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
    const engine = engineWith({ 'file:///app/deploy.yaml': WORKLOAD, 'file:///app/pdb.yaml': PDB('web') });
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
    ['pdb-selector', PDB('web')],
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
