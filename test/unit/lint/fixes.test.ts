import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../../../src/lint/types';
import { applyEdits, fixture, lint, lintOne } from './helpers';

const URI = 'file:///test.yaml';
// The Pod Security rules fire on these older fixtures too; the tests here are about other fixes.
const HARDENING = new Set([
  'run-as-non-root',
  'allow-privilege-escalation',
  'drop-capabilities',
  'read-only-root-filesystem',
  'automount-service-account-token',
]);
const unhardened = (findings: Finding[]) => findings.filter((f) => !HARDENING.has(f.rule));

/** Applies the first fix of the first finding of a rule, checks the YAML still parses and returns the new text. */
function fixOnce(text: string, rule: string, findings: Finding[] = lintOne(text)): string {
  const fix = findings.find((f) => f.rule === rule && f.fixes?.length)?.fixes?.[0];
  assert.ok(fix, `no fix for ${rule}`);
  assert.ok(fix.edits.every((e) => e.uri === URI));
  const fixed = applyEdits(text, fix.edits);
  assert.deepEqual(
    parseAllDocuments(fixed).flatMap((d) => ('errors' in d ? d.errors : [])),
    [],
  );
  return fixed;
}

function fixAll(text: string, rule: string): string {
  let current = text;
  for (let i = 0; i < 10 && lintOne(current).some((f) => f.rule === rule && f.fixes?.length); i++)
    current = fixOnce(current, rule);
  return current;
}

describe('quick fixes', () => {
  it('adds probes on the container port', () => {
    const fixed = fixOnce(fixture('probe-missing', 'fires.yaml'), 'probe-missing');
    assert.match(fixed, / {10}readinessProbe:\n {12}tcpSocket:\n {14}port: http\n/);
    assert.equal(
      lintOne(fixed).filter((f) => f.rule === 'probe-missing').length,
      1,
      'the port-less sidecar keeps its finding',
    );
    assert.deepEqual(
      lintOne(fixed).filter((f) => f.rule === 'schema' || f.rule === 'unknown-field'),
      [],
    );
  });

  it('adds requests and limits', () => {
    const text = fixture('probe-missing', 'clean.yaml').replace(/ {10}resources:\n.*\n.*\n/, '');
    assert.ok(lintOne(text).some((f) => f.rule === 'resources-missing'));
    const fixed = fixOnce(text, 'resources-missing');
    assert.deepEqual(lintOne(fixed), []);
  });

  it('aligns the selector with the template labels', () => {
    assert.deepEqual(unhardened(lintOne(fixAll(fixture('selector-mismatch', 'fires.yaml'), 'selector-mismatch'))), []);
    const missingLabel = fixture('selector-mismatch', 'clean.yaml').replace(
      '      app: web\n  template',
      '      app: web\n      tier: api\n  template',
    );
    const fixed = fixOnce(missingLabel, 'selector-mismatch');
    assert.match(fixed, /tier: "api"/);
    assert.deepEqual(unhardened(lintOne(fixed)), []);
  });

  it('adds the missing container port', () => {
    const text = fixture('service-target-port', 'fires.yaml');
    const fixed = fixAll(text, 'service-target-port');
    assert.match(fixed, / {12}- containerPort: 9090\n/);
    assert.equal(
      lintOne(text).find((f) => f.message.startsWith('targetPort "htttp"'))?.message,
      'targetPort "htttp" of port "http" is not a container port of Deployment demo/web (named ports: http). Did you mean "http"?',
    );
    assert.match(fixed, /targetPort: http #/, 'the did-you-mean fix');
    assert.deepEqual(
      lintOne(fixed)
        .filter((f) => f.rule === 'service-target-port')
        .map((f) => f.message),
      [],
    );
    const noPorts = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: { app: p }\nspec:\n  containers:\n    - name: p\n      image: p:1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: p\nspec:\n  selector: { app: p }\n  ports:\n    - port: 80\n      targetPort: 8080\n`;
    assert.ok(
      lintOne(noPorts).every((f) => f.rule !== 'service-target-port'),
      'a pod declaring no ports accepts any number',
    );
  });

  it('pins an untagged image to the tag the workspace uses elsewhere', () => {
    const text = `${fixture('image-tag', 'clean.yaml')}---\n${fixture('image-tag', 'clean.yaml').replace('name: web\n  namespace', 'name: web2\n  namespace').replace('example/web:1.0.0', 'example/web')}`;
    const fixed = fixOnce(text, 'image-tag');
    assert.equal((fixed.match(/example\/web:1\.0\.0/g) ?? []).length, 2);
  });

  it('removes replicas from an HPA-managed Deployment', () => {
    const fixed = fixOnce(fixture('hpa-replicas', 'fires.yaml'), 'hpa-replicas');
    assert.doesNotMatch(fixed, /replicas: 3/);
    assert.deepEqual(
      lint({ [URI]: fixed }).filter((f) => f.rule === 'hpa-replicas'),
      [],
    );
  });
});
