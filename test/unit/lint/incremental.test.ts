// The editor re-lints only what an edit can change: the edited file, then the files whose cross-object findings
// looked up what it touched (engine.setFile's answer). Whatever the edits, what the editor then shows must be
// exactly what a fresh engine reports for the same texts: speed never changes an answer.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LintEngine } from '../../../src/lint/engine';
import type { Finding } from '../../../src/lint/types';
import { renderStack } from '../../support/stack';
import { engineWith } from './helpers';

type Edit =
  | { readonly kind: 'type'; readonly file: number; readonly at: number; readonly text: string }
  | { readonly kind: 'rename'; readonly file: number; readonly at: number; readonly suffix: string }
  | { readonly kind: 'deleteLine'; readonly file: number; readonly at: number }
  | { readonly kind: 'removeFile' | 'restoreFile'; readonly file: number };

const typed = fc.constantFrom(
  '\n',
  'x',
  '  ',
  '# comment\n',
  '---\n',
  'app: other\n',
  '        - containerPort: 9090\n          name: metrics\n',
  'kind: Service\n',
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\n---\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n',
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type'), file: fc.nat(), at: fc.nat(), text: typed }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('rename'),
      file: fc.nat(),
      at: fc.nat(),
      suffix: fc.constantFrom('-typo', '', 'x'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteLine'), file: fc.nat(), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('removeFile', 'restoreFile'), file: fc.nat() }) },
);

// What other objects look up: names, selector labels, ports, claims and references.
const REFERENCE = /^(\s*(?:- )?(?:name|app|claimName|serviceAccountName|secretName|port|targetPort|number): )(\S+)$/gm;

/** The edit's new text for a file, or undefined when the edit removes the file. */
function applyEdit(e: Edit, text: string | undefined, original: string): string | undefined {
  if (e.kind === 'removeFile') return undefined;
  if (e.kind === 'restoreFile' || text === undefined) return original;
  if (e.kind === 'type') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  if (e.kind === 'deleteLine') {
    const lines = text.split('\n');
    lines.splice(e.at % lines.length, 1);
    return lines.join('\n');
  }
  if (e.kind !== 'rename') return text;
  const matches = [...text.matchAll(REFERENCE)];
  const m = matches[e.at % Math.max(1, matches.length)];
  if (!m || m.index === undefined) return text;
  const value = e.suffix === '' ? (m[2] ?? '').slice(0, -1) : `${m[2] ?? ''}${e.suffix}`;
  return text.slice(0, m.index) + (m[1] ?? '') + value + text.slice(m.index + m[0].length);
}

/** What the editor does on a change: lint the files the engine names, keep every other file's findings. */
function editorApplies(engine: LintEngine, shown: Map<string, Finding[]>, uri: string, text: string | undefined): void {
  if (text === undefined) {
    const affected = engine.deleteFile(uri);
    shown.delete(uri);
    for (const other of affected) shown.set(other, engine.lintFile(other));
    return;
  }
  for (const affected of engine.setFile(uri, text)) shown.set(affected, engine.lintFile(affected));
}

const sorted = (byFile: ReadonlyMap<string, Finding[]>) =>
  Object.fromEntries([...byFile].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('incremental lint', () => {
  let originals: [string, string][] = [];
  before(async () => {
    const stack = await renderStack({ metricsServer: true });
    const yaml = stack.files.filter((f) => f.path.endsWith('.yaml'));
    // Two applications: the stack with its kustomization, and a copy of its manifests in a plain folder.
    originals = [
      ...yaml.map((f): [string, string] => [`file:///repo/stack/${f.path}`, f.content]),
      ...yaml
        .filter((f) => f.component !== undefined)
        .map((f): [string, string] => [`file:///repo/copy/${f.path}`, f.content]),
    ];
  });

  /** Applies the edits as the editor does, and holds what it shows equal to a fresh engine's findings. */
  function showsWhatAFreshEngineDoes(edits: readonly Edit[]): void {
    const files = new Map<string, string>(originals);
    const engine = engineWith(Object.fromEntries(files));
    const shown = engine.lintAll();
    for (const e of edits) {
      const [uri, original] = originals[e.file % originals.length]!;
      const text = applyEdit(e, files.get(uri), original);
      if (text === undefined) files.delete(uri);
      else files.set(uri, text);
      editorApplies(engine, shown, uri, text);
    }
    assert.deepEqual(sorted(shown), sorted(engineWith(Object.fromEntries(files)).lintAll()));
  }

  it('shows, after any sequence of edits, exactly what a fresh engine reports', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), showsWhatAFreshEngineDoes), {
      numRuns: 60,
    });
  });

  it('renaming a workload re-checks the Service whose finding names it (found by the property above, 1 run in ~180)', () => {
    const mongo = originals.findIndex(([uri]) => uri === 'file:///repo/stack/mongo.yaml');
    const namespace = originals.findIndex(([uri]) => uri === 'file:///repo/stack/namespace.yaml');
    assert.ok(mongo >= 0 && namespace >= 0, 'the stack has mongo.yaml and namespace.yaml');
    // The Service's targetPort becomes a typo (a finding naming Deployment starter/mongo), then the Deployment is
    // renamed: the finding must name the new name.
    showsWhatAFreshEngineDoes([
      { kind: 'rename', file: mongo, at: 356877394, suffix: '-typo' },
      { kind: 'rename', file: mongo, at: 1919280095, suffix: '-typo' },
      { kind: 'rename', file: namespace, at: 0, suffix: '-typo' },
    ]);
  });

  it('keeps up with a line typed a keystroke at a time', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), typed, (file, at, line) => {
        const files = new Map<string, string>(originals);
        const engine = engineWith(Object.fromEntries(files));
        const shown = engine.lintAll();
        const [uri, original] = originals[file % originals.length]!;
        const offset = at % (original.length + 1);
        for (let i = 1; i <= line.length; i++) {
          const text = original.slice(0, offset) + line.slice(0, i) + original.slice(offset);
          files.set(uri, text);
          editorApplies(engine, shown, uri, text);
        }
        assert.deepEqual(sorted(shown), sorted(engineWith(Object.fromEntries(files)).lintAll()));
      }),
      { numRuns: 30 },
    );
  });
});
