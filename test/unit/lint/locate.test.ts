// The scalar locator reads finding ranges from the text of documents js-yaml read; whatever it answers must be what
// `yaml`'s model gives (the range of the scalar or key, or nothing at that path), and it may only decline.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isScalar, parseDocument } from 'yaml';
import { fastValue } from '../../../src/lint/fastValue';
import { ScalarLocator } from '../../../src/lint/locate';
import { nodeAt, pairAt, splitDocuments, type Path } from '../../../src/lint/parse';

const ROOT = join(__dirname, '..', '..', '..');

function manifestsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return manifestsUnder(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

/** Every path of a value, and paths next to them that lead nowhere (a missing key, an index past the end). */
function pathsOf(value: unknown, base: Path = [], out: Path[] = []): Path[] {
  out.push(base);
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsOf(item, [...base, i], out));
    out.push([...base, value.length], [...base, 'name']);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...base, key], out);
    out.push([...base, 'not-there'], [...base, 0]);
  } else out.push([...base, 'below']);
  return out;
}

/** Checks every answer of the locator on one document against yaml; returns how many it gave (not declined). */
function agrees(text: string, where: string): number {
  const fast = fastValue(text);
  if (!fast) return 0;
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
  // The fast reader's own promise (fastValue.test.ts): it reads only what yaml reads without a problem.
  if (doc.errors.length > 0 || doc.warnings.length > 0) return 0;
  const locator = new ScalarLocator(text);
  let answered = 0;
  for (const path of pathsOf(fast.value)) {
    const at = `${where} ${JSON.stringify(path)}`;
    const value = locator.value(path);
    const node = nodeAt(doc, path);
    if (value === 'missing') assert.equal(node, undefined, `${at}: yaml has a node there\n${text}`);
    else if (value !== undefined) {
      assert.ok(isScalar(node), `${at}: yaml has no scalar there\n${text}`);
      assert.deepEqual([value.start, value.end], node.range?.slice(0, 2), `${at}: another range\n${text}`);
    }
    const key = path.length > 0 ? locator.key(path) : undefined;
    const pair = path.length > 0 ? pairAt(doc, path) : undefined;
    if (key === 'missing') assert.equal(pair, undefined, `${at}: yaml has that key\n${text}`);
    else if (key !== undefined)
      assert.deepEqual([key.start, key.end], (pair?.key as { range?: number[] } | undefined)?.range?.slice(0, 2), at);
    answered += (value === undefined ? 0 : 1) + (key === undefined ? 0 : 1);
  }
  return answered;
}

/** Small deterministic edits, as in fastValue.test.ts: what a user makes while typing. */
function mutations(text: string, seed: number): string[] {
  const inserts = [' ', '  ', ':', ': ', '- ', '#', ' #', '"', "'", '\n', '\n  ', '[', '{', '}', ',', '|', 'x', '\r'];
  return Array.from({ length: 12 }, (_, k) => {
    const at = (seed * 7919 + k * 104729) % (text.length + 1);
    const insert = inserts[(seed + k) % inserts.length] ?? ' ';
    return k % 3 === 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + insert + text.slice(at);
  });
}

const DOCUMENTS = [...manifestsUnder(join(ROOT, 'templates')), ...manifestsUnder(join(ROOT, 'test', 'fixtures'))]
  .flatMap((file) => splitDocuments(readFileSync(file, 'utf8')).map((chunk, i) => ({ where: `${file}#${i}`, chunk })))
  .filter(({ chunk }) => chunk.text.trim() !== '');

describe('the scalar locator', () => {
  it('finds what yaml finds in every shipped manifest and fixture document, or declines', () => {
    assert.ok(DOCUMENTS.length > 500, `only ${DOCUMENTS.length} documents`);
    const answered = DOCUMENTS.reduce((n, { where, chunk }) => n + agrees(chunk.text, where), 0);
    // It must be worth having: most scalar and key lookups are answered from the text.
    assert.ok(answered > 20000, `only ${answered} answers`);
  });

  it('agrees with yaml on edited documents', () => {
    DOCUMENTS.filter((_, i) => i % 3 === 0).forEach(({ where, chunk }, i) =>
      mutations(chunk.text, i).forEach((text, k) => agrees(text, `${where} (edit ${k})`)),
    );
  });

  it('reads the ranges of scalars and keys written in every way it accepts', () => {
    const text = [
      '---   # the marker may carry a comment',
      '# a comment first',
      'apiVersion: v1',
      'kind:   ConfigMap    # trailing comment',
      'metadata:',
      '  name: "quoted #1"',
      "  namespace: 'it''s'",
      '  labels:',
      '    app.kubernetes.io/name: a#b',
      '    plain key with spaces: value with spaces   ',
      '    "quoted key": x',
      'data:',
      '  url: http://example.com:8080/x?y=1',
      '  list:',
      '  - a',
      '  -   b  # c',
      '  - - nested',
      '    - "n2"',
      '  - name: first',
      '    image: img:1',
      '',
      '    # between entries',
      '    port: 80',
      '  flow: [a, b]',
      '  empty:',
      '  folded: >',
      '    text',
      '  multi: one',
      '    two',
      '',
    ].join('\n');
    assert.ok(fastValue(text), 'the fast reader reads the sample');
    assert.ok(agrees(text, 'sample') > 40);
    const locator = new ScalarLocator(text);
    const slice = (path: Path) => {
      const at = locator.value(path);
      return at === undefined || at === 'missing' ? at : text.slice(at.start, at.end);
    };
    assert.equal(slice(['metadata', 'name']), '"quoted #1"');
    assert.equal(slice(['metadata', 'labels', 'plain key with spaces']), 'value with spaces');
    assert.equal(slice(['data', 'list', 2, 1]), '"n2"');
    assert.equal(slice(['data', 'list', 3, 'port']), '80');
    assert.equal(slice(['data', 'list', 9]), 'missing');
    // Collections, block scalars, null values and multi-line plain scalars are left to yaml.
    for (const path of [['data'], ['data', 'flow', 0], ['data', 'empty'], ['data', 'folded'], ['data', 'multi']])
      assert.equal(locator.value(path), undefined, JSON.stringify(path));
    const key = locator.key(['metadata', 'labels', 'plain key with spaces']);
    assert.ok(key && key !== 'missing');
    assert.equal(text.slice(key.start, key.end), 'plain key with spaces');
  });

  it('leaves keys that are not plain strings, and CRLF text, to yaml', () => {
    // A key found before them is found; past them, the locator cannot tell a missing key from a non-string one.
    assert.deepEqual(new ScalarLocator('a: 1\ntrue: 2\n').value(['a']), { start: 3, end: 4 });
    assert.equal(new ScalarLocator('true: 2\na: 1\n').value(['a']), undefined);
    assert.equal(new ScalarLocator('80: x\na: 1\n').value(['b']), undefined);
    assert.equal(new ScalarLocator('a: b:: c\n').value(['a']), undefined);
    assert.equal(new ScalarLocator('a: 1\r\nb: 2\r\n').value(['b']), undefined);
    assert.deepEqual(new ScalarLocator('a: 1\nb: 2\n').value(['b']), { start: 8, end: 9 });
  });
});
