// Manifests whose kinds, fields and labels are named like Object.prototype's members (toString, constructor,
// __proto__) are ordinary input: they get the findings any other name gets, and no rule crashes on them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lintOne } from './helpers';

const deployment = (selector: string, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      ${selector}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('names of Object members in manifests', () => {
  it('reports a field named toString as unknown, under metadata and in a container', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  toString: x\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      constructor: 1\n';
    const unknown = lintOne(text)
      .filter((f) => f.rule === 'unknown-field')
      .map((f) => [f.range.start.line, f.message]);
    assert.equal(unknown.length, 2, JSON.stringify(unknown));
    assert.equal(unknown[0]?.[0], 4);
    assert.match(String(unknown[0]?.[1]), /toString/);
    assert.equal(unknown[1]?.[0], 9);
  });

  it('treats kind: constructor as an unknown kind', () => {
    const found = lintOne('apiVersion: v1\nkind: constructor\nmetadata:\n  name: a\n');
    assert.deepEqual(
      found.map((f) => f.rule),
      ['unknown-kind'],
    );
  });

  it('finds a selector label named toString missing from the template, and its fix adds it', () => {
    const text = deployment('toString: a', 'app: web');
    const finding = lintOne(text).find((f) => f.rule === 'selector-mismatch');
    assert.ok(finding, 'selector-mismatch');
    assert.match(finding.message, /toString=a is not among the pod template's labels/);
    const fix = finding.fixes?.[0];
    assert.ok(fix);
    assert.equal(fix.title, 'Add toString: a to the template labels');
    const fixed = applyEdits(text, fix.edits);
    assert.deepEqual(
      lintOne(fixed).filter((f) => f.rule === 'selector-mismatch'),
      [],
    );
  });

  it('keeps a label named __proto__: a selector on it matches the template that has it', () => {
    assert.deepEqual(
      lintOne(deployment('__proto__: a', '__proto__: a')).filter((f) => f.rule === 'selector-mismatch'),
      [],
    );
    assert.equal(
      lintOne(deployment('__proto__: a', '__proto__: b')).filter((f) => f.rule === 'selector-mismatch').length,
      1,
    );
  });
});
