// The linter's fast reader (js-yaml with yaml's YAML 1.1 scalar rules) must read every document exactly as `yaml`
// does, or leave it to `yaml`: a document it reads gets no syntax finding, so `yaml` must have none to give.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isScalar, parseDocument } from 'yaml';
import { fastValue } from '../../../src/lint/fastValue';
import { parseChunk, splitDocuments } from '../../../src/lint/parse';

const ROOT = join(__dirname, '..', '..', '..');

function manifestsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return manifestsUnder(path);
    return /\.(ya?ml|json)$/.test(e.name) ? [path] : [];
  });
}

/** What the linter read before the fast reader: yaml's value, or 'problems' when it errs or warns. */
function byYaml(text: string): { value: unknown } | 'problems' {
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return 'problems';
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return 'problems';
  }
}

function agrees(text: string, where: string): 'fast' | 'yaml' {
  const fast = fastValue(text);
  if (!fast) return 'yaml';
  const reference = byYaml(text);
  assert.notEqual(reference, 'problems', `${where}: yaml reports a problem, the fast reader read it\n${text}`);
  assert.deepStrictEqual(fast, reference, `${where}\n${text}`);
  return 'fast';
}

const DOCUMENTS = [...manifestsUnder(join(ROOT, 'templates')), ...manifestsUnder(join(ROOT, 'test', 'fixtures'))]
  .flatMap((file) => splitDocuments(readFileSync(file, 'utf8')).map((chunk, i) => ({ where: `${file}#${i}`, chunk })))
  .filter(({ chunk }) => chunk.text.trim() !== '');

/** Small deterministic edits of a document, the kind a user makes while typing (and a few they make by mistake). */
function mutations(text: string, seed: number): string[] {
  const out: string[] = [];
  const inserts = [' ', '  ', ':', ': ', '- ', '#', '"', "'", '\n', '\n  ', '[', '{', '}', ',', '|', '>', '\t', 'x'];
  for (let k = 0; k < 12; k++) {
    const at = (seed * 7919 + k * 104729) % (text.length + 1);
    const insert = inserts[(seed + k) % inserts.length] ?? ' ';
    out.push(k % 3 === 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + insert + text.slice(at));
  }
  return out;
}

describe("the linter's fast reader", () => {
  it('reads every shipped manifest and fixture document as yaml does, or leaves it to yaml', () => {
    assert.ok(DOCUMENTS.length > 500, `only ${DOCUMENTS.length} documents`);
    const used = DOCUMENTS.map(({ where, chunk }) => agrees(chunk.text, where));
    // Most must take the fast path, or this test compares nothing.
    const fast = used.filter((u) => u === 'fast').length;
    assert.ok(fast > DOCUMENTS.length * 0.8, `fast for only ${fast} of ${DOCUMENTS.length}`);
  });

  it('reads edited documents (characters inserted and deleted) as yaml does, or leaves them to yaml', () => {
    let fast = 0;
    let total = 0;
    DOCUMENTS.forEach(({ where, chunk }, i) => {
      if (i % 3 !== 0) return;
      mutations(chunk.text, i).forEach((text, k) => {
        total++;
        if (agrees(text, `${where} edit ${k}`) === 'fast') fast++;
      });
    });
    assert.ok(fast > total * 0.3, `fast for only ${fast} of ${total}`);
  });

  // Every way of writing what stands between a key and a value on the lines below it: comments at each column
  // (left of the key, at it, right of it), blank lines, `key: # c`, then a plain, quoted, flow, anchored, tagged or
  // block scalar or a collection, then what may follow; each with `\n` or `\r\n`, some behind a byte order mark.
  const BELOW = {
    parents: ['', 'a:\n  ', '- ', 'a:\n- '],
    keys: ['kind:', 'kind: # c', '- kind:', '-', '- # c'],
    between: [[], ['#c'], [' #c'], ['  #c'], ['   #c'], [''], ['  '], ['\t#c'], ['#c', ''], ['', '#c'], ['  #c', '#c']],
    values: [' Pod', '  Pod', '   Pod', ' "Pod"', ' [Pod]', ' {k: Pod}', ' &a Pod', ' !!str Pod', ' |\n   Pod'],
    more: [' - Pod', '- Pod', '  k: Pod', ' Pod\n   X'],
    after: ['', 'b: 1\n', '#d\nb: 1\n', '\nb: 1\n', '  - c\n'],
  };

  it('reads a value below its key, after comments and blank lines, as yaml does (or leaves it to yaml)', () => {
    let n = 0;
    let fast = 0;
    let clean = 0;
    for (const parent of BELOW.parents)
      for (const key of BELOW.keys)
        for (const between of BELOW.between)
          for (const value of [...BELOW.values, ...BELOW.more])
            for (const after of BELOW.after) {
              const lines = `${parent}${[key, ...between, value].join('\n')}\n${after}`;
              const text = `${n % 7 === 0 ? '\uFEFF' : ''}${n % 2 === 0 ? lines : lines.replace(/\n/g, '\r\n')}`;
              n++;
              if (agrees(text, 'a value below its key') === 'fast') fast++;
              if (byYaml(text) !== 'problems') clean++;
            }
    // The fast reader still takes a fair share of what yaml reads cleanly, or this would compare nothing.
    assert.ok(fast > clean / 3, `fast for only ${fast} of the ${clean} of ${n} forms yaml reads cleanly`);
  });

  const SCALARS = [
    ...['yes', 'Yes', 'no', 'NO', 'on', 'Off', 'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE'],
    ...['~', 'null', 'Null', 'NULL', 'nULL', '0777', '0o777', '0o78', '08', '0x1F', '0X1F', '-0x1F', '0b101', '0b12'],
    ...['1_000', '0x_ff', '+12', '-0', '007', '1e3', '1E3', '-1.5e-3', '1e', '.5', '1.', '1.50', '1_0.5', '.inf'],
    ...['-.Inf', '+.INF', '.NaN', '-.nan', '12:30', '190:20:30', '1:20.5', '2024-01-02', '2024-01-02T10:00:00Z'],
    ...['2001-12-14 21:59:43.10 -5', '2024-01-02x', '123456789012345678901234567890', '=', '"123"', "'yes'"],
    ...['"tab\\there \\x41 \\u00e9 \\U0001F600 \\N \\_ \\/"', "'it''s'", '"a\\\n  b"', 'a b  c', 'http://x:80/'],
  ];

  it('reads YAML 1.1 scalars as yaml does (or leaves them to yaml), as values and as keys', () => {
    // Dates, sexagesimal numbers and quoted scalars over lines are left to yaml (rare in manifests): the rest is fast.
    const fastOnes = SCALARS.filter((s) => !/^[-+]?[0-9]+:|^[0-9]{4}-|\n/.test(s));
    const values = `data:\n${fastOnes.map((s, i) => `  k${i}: ${s}\n`).join('')}`;
    assert.equal(agrees(values, 'scalar values'), 'fast');
    const data = (fastValue(values)?.value as { data: Record<string, unknown> }).data;
    const read = (scalar: string): unknown => data[`k${fastOnes.indexOf(scalar)}`];
    assert.equal(read('yes'), true, 'yes is true (YAML 1.1, as Kubernetes reads it)');
    assert.equal(read('0777'), 511, '0777 is octal in YAML 1.1');
    assert.equal(read('1_000'), 1000, 'underscores are dropped');
    assert.equal(read('0x1F'), 31, '0x1F is hex');
    for (const s of SCALARS) {
      agrees(`a: ${s}\n`, `value ${s}`);
      agrees(`${s}: a\n`, `key ${s}`);
      agrees(`- ${s}\n- [${s}]\n`, `item ${s}`);
    }
  });

  const LEFT: Record<string, string> = {
    'an alias': 'base: &b {x: 1}\nuse: *b\n',
    'a merge key': 'a:\n  <<: {x: 1}\n  y: 3\n',
    'a tag': 'a: !!str 12\n',
    'a directive': '%YAML 1.1\n---\na: 1\n',
    'a null key': 'a: 1\n~: 2\n',
    'an explicit key': '? a\n: 1\n',
    'a collection key': '{[a, b]: 1}\n',
    'a date': 'a: 2024-01-02\n',
    'a flow mapping over lines': 'a: {b: 1,\n  c: 2}\n',
    'a key over 1,024 characters': `${'k'.repeat(1100)}: 1\n`,
  };
  for (const [name, text] of Object.entries(LEFT)) {
    it(`leaves ${name} to yaml`, () => assert.equal(fastValue(text), undefined));
  }

  const INVALID: Record<string, string> = {
    'a duplicate key': 'a: 1\nb: 2\na: 3\n',
    'an unclosed flow sequence': 'a: [1, 2\nb: 3\n',
    'a tab as indentation': 'a:\n\tb: 1\n',
    'a bad escape': 'a: "\\q"\n',
    'a wrongly indented key': 'a:\n  b: 1\n c: 2\n',
    'a nested implicit mapping': 'a: b: c\n',
    'a comment glued to a quoted value': 'a: "b"# c\n',
    'an unclosed quote': 'a: "b\n',
    'a scalar below its key after a comment left of the key': 'kind:\n#c\n Pod\nmetadata: {}\n',
  };
  for (const [name, text] of Object.entries(INVALID)) {
    it(`never reads what yaml rejects: ${name}`, () => {
      assert.equal(fastValue(text), undefined);
      assert.ok(parseChunk(text).problems.length > 0, 'yaml reports it');
    });
  }

  it("gives a fast-read document yaml's node ranges when a finding asks for them", () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    const parsed = parseChunk(text);
    assert.ok(fastValue(text), 'read on the fast path');
    assert.deepEqual(parsed.value, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    const name = parsed.doc.getIn(['metadata', 'name'], true);
    assert.ok(isScalar(name));
    assert.deepEqual(name.range, [49, 50, 51]);
    assert.deepEqual(parsed.lineStarts, [0, 15, 31, 41, 51]);
  });
});
