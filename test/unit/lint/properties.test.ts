import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { KIND_SCHEMAS } from '../../../src/lint/schema/models';
import type { Finding, Range } from '../../../src/lint/types';
import { renderStack } from '../../support/stack';
import { engineWith, lint } from './helpers';

/** Fails unless a range lies inside the text: real lines, columns within the line, start before end. */
function assertInside(range: Range, text: string, what: string): void {
  // Columns count within a line's content: a `\r` before the `\n` is part of the line break.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const within = (p: Range['start']) =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= (lines[p.line]?.length ?? -1);
  assert.ok(within(range.start) && within(range.end), `${what} ${JSON.stringify(range)} outside the text`);
  const order = range.start.line - range.end.line || range.start.character - range.end.character;
  assert.ok(order <= 0, `${what} ends before it starts`);
}

function assertFindingsInside(findings: readonly Finding[], texts: ReadonlyMap<string, string>): void {
  for (const f of findings) {
    assertInside(f.range, texts.get(f.uri) ?? '', `${f.rule} range`);
    for (const r of f.related ?? []) assertInside(r.range, texts.get(r.uri) ?? '', `${f.rule} related`);
    for (const e of (f.fixes ?? []).flatMap((x) => x.edits))
      assertInside(e.range, texts.get(e.uri) ?? '', `${f.rule} fix`);
  }
}

/** Lints the files together (rule errors rethrown) within a time budget, and checks every range. */
function lintChecked(files: ReadonlyMap<string, string>): void {
  const started = performance.now();
  const engine = engineWith(Object.fromEntries(files));
  const findings = [...engine.lintAll().values()].flat();
  assert.ok(performance.now() - started < 2000, 'lint took more than 2 s');
  assertFindingsInside(findings, files);
}

const KINDS = Object.keys(KIND_SCHEMAS).map((k) => {
  const slash = k.lastIndexOf('/');
  return { apiVersion: k.slice(0, slash), kind: k.slice(slash + 1) };
});

// YAML-ish text: the characters that make YAML interesting, so the parser's edge cases get hit often.
const yamlish = fc
  .array(
    fc.constantFrom(
      'a',
      'kind: Pod',
      'apiVersion: v1',
      ': ',
      '- ',
      '  ',
      '\n',
      '\t',
      '---',
      '"',
      "'",
      '{',
      '}',
      '[',
      ']',
      '#',
      '&a',
      '*a',
      '|',
      '>',
      '!!str',
      '?',
      ',',
      '1',
      'é',
      '\r\n',
      '...',
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

type Mutation = {
  kind: 'delete' | 'duplicate' | 'indent' | 'insert' | 'swap';
  at: number;
  other: number;
  text: string;
};
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'indent', 'insert', 'swap'),
  at: fc.nat(),
  other: fc.nat(),
  text: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('name: x', 'port: http', 'app: other', '- 1', '{', 'targetPort: 1'),
  ),
});

function mutate(text: string, m: Mutation): string {
  // Columns count within a line's content: a `\r` before the `\n` is part of the line break.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const i = m.at % lines.length;
  const j = m.other % lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, lines[i] ?? '');
      break;
    case 'indent':
      lines[i] = `${' '.repeat(m.other % 5)}${(lines[i] ?? '').trimStart()}`;
      break;
    case 'insert':
      lines[i] = `${(lines[i] ?? '').slice(0, m.other % 40)}${m.text}${(lines[i] ?? '').slice(m.other % 40)}`;
      break;
    case 'swap':
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      break;
  }
  return lines.join('\n');
}

// Keys from manifests must never be looked up as plain `record[key]`: Object.prototype has members by these names.
const objectKey = fc.oneof(
  { weight: 4, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constantFrom('toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty') },
);

describe('lint properties', () => {
  let stackFiles: [string, string][] = [];
  before(async () => {
    const stack = await renderStack({ metricsServer: true });
    stackFiles = stack.files.map((f) => [`file:///k8s/${f.path}`, f.content]);
  });

  it('never throws on arbitrary text, and keeps every range inside it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => lintChecked(new Map([['file:///a.yaml', text]]))),
      { numRuns: 400 },
    );
  });

  it('never throws on objects of every checked kind with arbitrary content', () => {
    const object = fc.record({
      type: fc.constantFrom(...KINDS),
      body: fc.dictionary(
        fc.constantFrom('metadata', 'spec', 'data', 'rules', 'roleRef', 'subjects'),
        fc.anything({ maxDepth: 4, key: objectKey }),
      ),
    });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 4 }), (objects) => {
        const text = objects
          .map((o) => stringify({ ...o.type, ...o.body }, { aliasDuplicateObjects: false }))
          .join('---\n');
        lintChecked(new Map([['file:///a.yaml', text]]));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on mutated stack manifests, linted together', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, mutations) => {
        const files = new Map(stackFiles);
        const [uri, text] = stackFiles[which % stackFiles.length]!;
        files.set(uri, mutations.reduce(mutate, text));
        lintChecked(files);
      }),
      { numRuns: 100 },
    );
  });

  // The engine caches parses, single-object findings and cross-object findings; after any sequence of edits
  // (including ones that break and rename objects) it must say exactly what a fresh engine says.
  it('after incremental edits, reports exactly what a fresh engine reports', () => {
    const edit = fc.record({
      which: fc.nat(),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      undo: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const files = new Map(stackFiles);
        const engine = engineWith(Object.fromEntries(files));
        engine.lintAll();
        for (const e of edits) {
          const [uri, original] = stackFiles[e.which % stackFiles.length]!;
          const text = e.undo ? original : e.mutations.reduce(mutate, files.get(uri) ?? original);
          files.set(uri, text);
          for (const affected of engine.setFile(uri, text)) engine.lintFile(affected);
        }
        const incremental = [...engine.lintAll().values()].flat();
        assert.deepEqual(incremental, lint(Object.fromEntries(files)));
      }),
      { numRuns: 40 },
    );
  });
});
