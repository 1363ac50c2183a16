import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, it } from 'node:test';
import { parseManifestText } from '../../../src/kube/manifests';
import {
  ingressClassNameEdit,
  ingressHostEdit,
  kustomizationResourceEdit,
  type LineEdit,
} from '../../../src/kube/preflightEdits';

const INGRESS = readFileSync(join(__dirname, '../../../templates/manifests/ingress/10-ingress.yaml'), 'utf8');

function apply(text: string, edit: LineEdit): string {
  const lines = text.split('\n');
  lines.splice(edit.line - 1, edit.replace ? 1 : 0, edit.text);
  return lines.join('\n');
}

function entry(text: string) {
  const parsed = parseManifestText(text, 'ingress.yaml');
  assert.ok(parsed.ok);
  return parsed.value[0]!;
}

describe('preflight edits of the workspace Ingress manifest', () => {
  it('sets ingressClassName just before spec.rules, keeping comments and the rest of the file', () => {
    const edit = ingressClassNameEdit(entry(INGRESS), INGRESS, 'nginx');
    assert.ok(edit);
    const after = apply(INGRESS, edit);
    const reparsed = entry(after);
    assert.equal((reparsed.object.spec as { ingressClassName?: string }).ingressClassName, 'nginx');
    assert.equal(after.split('\n').length, INGRESS.split('\n').length + 1);
    assert.match(after, /^spec:\n {2}ingressClassName: nginx\n {2}rules:\n/m);
    assert.match(after, /# nip\.io resolves/);
  });

  it('replaces an existing ingressClassName rather than adding a second one', () => {
    const withClass = INGRESS.replace('spec:\n  rules:', 'spec:\n  ingressClassName: old\n  rules:');
    const edit = ingressClassNameEdit(entry(withClass), withClass, 'traefik');
    assert.ok(edit?.replace);
    assert.equal(
      (entry(apply(withClass, edit)).object.spec as { ingressClassName?: string }).ingressClassName,
      'traefik',
    );
  });

  it('sets the host of the first rule; refuses names that are not DNS names', () => {
    const edit = ingressHostEdit(entry(INGRESS), INGRESS, '192.168.49.2.nip.io');
    assert.ok(edit);
    const rules = (entry(apply(INGRESS, edit)).object.spec as { rules: Array<{ host: string }> }).rules;
    assert.equal(rules[0]!.host, '192.168.49.2.nip.io');
    assert.equal(ingressHostEdit(entry(INGRESS), INGRESS, 'evil\nkind: Secret'), undefined);
    assert.equal(ingressClassNameEdit(entry(INGRESS), INGRESS, 'Bad Name'), undefined);
  });
});

describe('adding the metrics-server component to the workspace kustomization', () => {
  const KUSTOMIZATION = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - namespace.yaml',
    '  # the apps',
    '  - grafana.yaml',
    'generatorOptions:',
    '  disableNameSuffixHash: true',
    '',
  ].join('\n');

  it('appends the file to the resources list, at its indentation, leaving the rest as it was', () => {
    const edit = kustomizationResourceEdit(KUSTOMIZATION, 'metrics-server.yaml');
    assert.ok(edit);
    const after = apply(KUSTOMIZATION, edit);
    assert.deepEqual((parse(after) as { resources: string[] }).resources, [
      'namespace.yaml',
      'grafana.yaml',
      'metrics-server.yaml',
    ]);
    assert.match(after, /^ {2}- grafana\.yaml\n {2}- metrics-server\.yaml\ngeneratorOptions:$/m);
  });

  it('does nothing when the file is listed already or there is no block-style resources list', () => {
    const listed = apply(KUSTOMIZATION, kustomizationResourceEdit(KUSTOMIZATION, 'metrics-server.yaml')!);
    assert.equal(kustomizationResourceEdit(listed, 'metrics-server.yaml'), undefined);
    assert.equal(kustomizationResourceEdit('resources: [a.yaml]\n', 'metrics-server.yaml'), undefined);
    assert.equal(kustomizationResourceEdit('kind: Kustomization\n', 'metrics-server.yaml'), undefined);
  });
});
