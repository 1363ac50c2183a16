import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LineCounter, parse, parseAllDocuments } from 'yaml';
import { readDocuments, readOneDocument, type ReadDocument } from '../../../src/kube/manifestReader';
import { parseManifestText } from '../../../src/kube/manifests';
import { COMPONENT_IDS } from '../../../src/stack/components';
import { writeKubeconfig } from '../../../sim/kubeconfig';
import { renderStack } from '../../support/stack';

const ROOT = join(__dirname, '..', '..', '..');

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

/** What `yaml` (the reference) reads: each non-empty document's value and content line, or 'error'. */
function byYaml(text: string): ReadDocument[] | 'error' {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(docs)) return [];
  if (docs.some((d) => d.errors.length > 0)) return 'error';
  try {
    return docs.flatMap((d) => {
      const value: unknown = d.toJS();
      if (!d.contents || value === null || value === undefined) return [];
      return [{ value, line: lineCounter.linePos(d.contents.range[0]).line }];
    });
  } catch {
    return 'error';
  }
}

/** The fast reader reads `text` exactly as `yaml` does, or leaves it to `yaml`; returns which it did. */
function agrees(text: string, where: string): 'fast' | 'yaml' {
  const fast = readDocuments(text);
  const reference = byYaml(text);
  if (fast === undefined) return 'yaml';
  assert.notEqual(reference, 'error', `${where}: yaml rejects it, the fast reader read it`);
  assert.deepStrictEqual(fast, reference, where);
  return 'fast';
}

describe('the fast manifest reader', () => {
  it('reads every manifest the project ships and every fixture as yaml does (or leaves it to yaml)', () => {
    const files = [...yamlFilesUnder(join(ROOT, 'templates')), ...yamlFilesUnder(join(ROOT, 'test', 'fixtures'))];
    assert.ok(files.length > 150, `only ${files.length} files found`);
    const used = files.map((f) => agrees(readFileSync(f, 'utf8'), f));
    // Most must take the fast path, or this test compares nothing.
    assert.ok(used.filter((u) => u === 'fast').length > files.length * 0.8, `fast for ${used.join(',')}`);
  });

  it("reads the generated stack's manifests (every component) on the fast path, as yaml does", async () => {
    const stack = await renderStack({ components: [...COMPONENT_IDS], metricsServer: true, namespace: 'shop' });
    const yamlFiles = stack.files.filter((f) => f.path.endsWith('.yaml') && f.path !== 'kustomization.yaml');
    assert.ok(yamlFiles.length > 10);
    for (const f of yamlFiles) assert.equal(agrees(f.content, f.path), 'fast', f.path);
  });

  const SCALARS = [
    'yes',
    'no',
    'on',
    'off',
    'y',
    'Y',
    'n',
    'true',
    'True',
    'TRUE',
    'tRUE',
    'false',
    'FALSE',
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    '0777',
    '0o777',
    '0o78',
    '0x1F',
    '0X1F',
    '-0x1F',
    '0b101',
    '1_000',
    '+12',
    '-0',
    '007',
    '1e3',
    '1E3',
    '-1.5e-3',
    '1e',
    '.5',
    '1.',
    '1.50',
    '.inf',
    '-.Inf',
    '+.INF',
    '.NaN',
    '-.nan',
    '12:30:00',
    '190:20:30',
    '2024-01-02',
    '2024-01-02T10:00:00Z',
    '2001-12-14 21:59:43.10 -5',
    '123456789012345678901234567890',
    '=',
    '<<',
    '"123"',
    "'yes'",
    '!!str 12',
    '!!int 12',
    '!!float 1.5',
    '! 12',
    '"tab\\there \\x41 \\u00e9 \\U0001F600 \\N \\_ \\/"',
    "'it''s'",
  ];

  it('reads YAML 1.1-looking and core scalars as yaml 1.2 core does', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata:\n${SCALARS.map((s, i) => `  k${i}: ${s}\n`).join('')}  list: [${SCALARS.filter((s) => !s.startsWith('!')).join(', ')}]\n`;
    assert.equal(agrees(text, 'scalars'), 'fast');
    const data = (readDocuments(text)?.[0]?.value as { data: Record<string, unknown> }).data;
    assert.equal(data.k0, 'yes', 'yes stays a string (YAML 1.2)');
    assert.equal(data.k18, 777, '0777 is decimal in YAML 1.2');
    assert.equal(data.k29, 1000, '1e3 is a number');
    assert.equal(data.k13, null, '~ is null');
    assert.equal(data.k43, '2024-01-02', 'a date stays a string');
  });

  const STREAMS: Record<string, string> = {
    'block scalars':
      'a: |\n  one\n   two\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: |2\n    indented\ne: >\n  x\n',
    'multi-line plain and quoted': 'a: one\n  two\n\n  three\nb: "x\n  y\\\n  z"\nc: \'p\n\n  q\'\n',
    'flow collections': 'a: {b: 1, c: [x, "y", {d: ~}], e: []}\nf: [ {g: h}, [1, 2] ]\n',
    'documents, comments and markers':
      '# head\n---\n# only a comment\n---\na: 1 # tail\n...\n--- b\n---\n- 1\n- c: 2\n',
    'an anchor without an alias': 'a: &x {b: 1}\nc: &y [1]\n',
    'a scalar on the --- line': '--- "text"\n',
    'CRLF lines': 'a: 1\r\nb:\r\n  - c\r\n',
    'unicode keys and values': 'ключ: значение\n"é": ü\n',
    'a byte order mark': '\uFEFFa: 1\n',
    'empty values': 'a:\nb: \nc: []\nd: {}\ne: ""\n',
  };
  for (const [name, text] of Object.entries(STREAMS)) {
    it(`reads ${name} as yaml does, on the fast path`, () => assert.equal(agrees(text, name), 'fast'));
  }

  const LEFT: Record<string, string> = {
    'anchors, aliases and merge keys': 'base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n',
    'a tag on the document': '--- !!map\na: 1\n',
    'an anchor on the document': '&doc\na: 1\n',
    'a YAML 1.1 directive': '%YAML 1.1\n---\na: yes\nb: 0777\n',
    'a null key': 'a: 1\n~: 2\nnull: 3\n',
    'an explicit key': '? a\n: 1\n',
    'a collection key': '{[a, b]: 1}\n',
    'an alias bomb': `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${`*${i === 0 ? 'a' : `b${i - 1}`}, `.repeat(10).slice(0, -2)}]`).join('\n')}\n`,
  };
  for (const [name, text] of Object.entries(LEFT)) {
    it(`leaves ${name} to yaml`, () => assert.equal(agrees(text, name), 'yaml'));
  }

  const INVALID: Record<string, string> = {
    'a duplicate key': 'a: 1\nb: 2\na: 3\n',
    'an unclosed flow sequence': 'a: [1, 2\nb: 3\n',
    'a tab as indentation': 'a:\n\tb: 1\n',
    'an unknown tag': 'a: !custom x\n',
    'a bad escape': 'a: "\\q"\n',
    'a wrongly indented key': 'a:\n  b: 1\n c: 2\n',
    'a nested implicit mapping': 'a: b: c\n',
  };
  for (const [name, text] of Object.entries(INVALID)) {
    it(`never reads what yaml rejects: ${name}`, () => assert.equal(agrees(text, name), 'yaml'));
  }

  it('errors still come from yaml and name the file and line', () => {
    const result = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'dup.yaml');
    assert.ok(!result.ok);
    assert.match(result.error, /^dup\.yaml:5:\d+: YAML error: a key appears twice/);
    const shape = parseManifestText('apiVersion: v1\nkind: ConfigMap\n---\n\n- a\n', 'list.yaml');
    assert.ok(!shape.ok);
    assert.match(shape.error, /^list\.yaml:1: ConfigMap has no metadata\.name$/);
  });

  it("finds a field's line through yaml's document model, per document", () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n    - name: c\n      image: x\n';
    const result = parseManifestText(text, 'pods.yaml');
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((e) => e.line),
      [1, 6],
    );
    assert.equal(result.value[1]?.lineOf?.('spec.containers[0].image'), 13);
    assert.equal(result.value[0]?.lineOf?.('metadata.name'), 4);
    assert.equal(result.value[1]?.lineOf?.('spec.missing.deeper'), 10);
  });
});

describe('the fast kubeconfig reader', () => {
  /** readOneDocument gives what the kubeconfig reader's `yaml` call gives, or leaves the text to it. */
  function agreesOne(text: string): 'fast' | 'yaml' {
    const fast = readOneDocument(text);
    let reference: unknown;
    try {
      reference = parse(text, { merge: true, logLevel: 'error' });
    } catch {
      reference = 'error';
    }
    if (fast === undefined) return 'yaml';
    assert.deepStrictEqual(fast.value, reference, text);
    return 'fast';
  }

  it("reads the simulator's kubeconfig as yaml does", () => {
    const file = writeKubeconfig('https://127.0.0.1:6443', 'secret-token', '-----BEGIN CERTIFICATE-----\nx\n');
    assert.equal(agreesOne(readFileSync(file, 'utf8')), 'fast');
  });

  it('reads kubectl-written flow and quoted styles as yaml does', () => {
    const text = `apiVersion: v1\nclusters:\n- cluster:\n    insecure-skip-tls-verify: true\n    server: "https://10.0.0.1:443"\n  name: c\ncontexts: []\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token], env: null}\n`;
    assert.equal(agreesOne(text), 'fast');
  });

  const LEFT: Record<string, string> = {
    'merge keys with an alias': 'base: &b {server: x}\nclusters:\n- cluster:\n    <<: *b\n  name: c\n',
    'a merge key with an inline map': 'cluster:\n  <<: {server: x}\n  name: c\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'an empty document after one': 'a: 1\n---\n',
    'an empty file': '',
    'an unknown tag': 'a: !secret x\n',
    'bad YAML': 'a: [1\n',
  };
  for (const [name, text] of Object.entries(LEFT)) {
    it(`leaves ${name} to yaml`, () => assert.equal(agreesOne(text), 'yaml'));
  }
});
