import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadManifests, parseManifestText, splitFieldPath } from '../../../src/kube/manifests';

const folder = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
};
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('loadManifests', () => {
  it('reads *.yaml and *.yml sorted by name, then sub-folders, with 1-based document lines', async () => {
    const dir = folder({ 'b.yml': cm('b'), 'a.yaml': `# comment\n${cm('a1')}---\n${cm('a2')}`, 'notes.txt': 'x', 'sub/c.yaml': cm('c') });
    const loaded = await loadManifests(dir);
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    assert.deepEqual(loaded.value.map((e) => [e.object.metadata.name, e.file, e.line]), [['a1', 'a.yaml', 2], ['a2', 'a.yaml', 7], ['b', 'b.yml', 1], ['c', join('sub', 'c.yaml'), 1]]);
  });

  it('follows kustomization.yaml resources in their order', async () => {
    const dir = folder({ 'kustomization.yaml': 'resources:\n  - z.yaml\n  - a.yaml\n', 'a.yaml': cm('a'), 'z.yaml': cm('z'), 'ignored.yaml': cm('i') });
    const loaded = await loadManifests(dir);
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.value.map((e) => e.object.metadata.name), ['z', 'a']);
  });

  it('names the file and line of a YAML error', async () => {
    const dir = folder({ 'bad.yaml': `${cm('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n` });
    const loaded = await loadManifests(dir);
    assert.ok(!loaded.ok);
    assert.match(loaded.error, /^bad\.yaml:\d+:\d+: YAML error: [a-z]/);
    assert.ok(Number(/^bad\.yaml:(\d+)/.exec(loaded.error)?.[1]) >= 6, loaded.error);
  });

  it('names the file and line of a document that is not an object', () => {
    const parsed = parseManifestText(`${cm('ok')}---\nkind: ConfigMap\nmetadata:\n  name: x\n`, 'f.yaml');
    assert.deepEqual(parsed, { ok: false, error: 'f.yaml:6: object has no apiVersion' });
  });

  it('reports a missing kustomization resource', async () => {
    const loaded = await loadManifests(folder({ 'kustomization.yaml': 'resources: [gone.yaml]\n' }));
    assert.ok(!loaded.ok);
    assert.match(loaded.error, /resource "gone\.yaml" does not exist/);
  });

  it('finds the line of a field the server names', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n';
    const parsed = parseManifestText(text, 'd.yaml');
    assert.ok(parsed.ok);
    const entry = parsed.value[0]!;
    assert.equal(entry.lineOf?.('spec.replicas'), 6);
    assert.equal(entry.lineOf?.('spec.template.spec.containers[0].image'), 11);
    assert.equal(entry.lineOf?.('spec.template.spec.containers[0].notThere'), 10);
    assert.deepEqual(splitFieldPath('.spec.containers[0].ports[12].name'), ['spec', 'containers', 0, 'ports', 12, 'name']);
  });
});
