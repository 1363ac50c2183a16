import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LintEngine, type LintEngineOptions } from '../../../src/lint/engine';
import type { Finding } from '../../../src/lint/types';

export const FIXTURES = join(__dirname, '../../fixtures/lint');

export function fixture(rule: string, name: string): string {
  return readFileSync(join(FIXTURES, rule, name), 'utf8');
}

/** An engine that rethrows rule errors, so a crashing rule fails the test instead of going quiet. */
export function engineWith(files: Record<string, string>, options: LintEngineOptions = {}): LintEngine {
  const engine = new LintEngine({
    onRuleError: (rule, e) => {
      throw new Error(`rule ${rule} threw: ${String(e)}`);
    },
    ...options,
  });
  for (const [uri, text] of Object.entries(files)) engine.setFile(uri, text);
  return engine;
}

/** Lints the given files together and returns every finding. */
export function lint(files: Record<string, string>, options: LintEngineOptions = {}): Finding[] {
  return [...engineWith(files, options).lintAll().values()].flat();
}

export function lintOne(text: string, options: LintEngineOptions = {}): Finding[] {
  return lint({ 'file:///test.yaml': text }, options);
}

/** Zero-based lines carrying a `# expect: rule-id` marker for that rule. */
export function expectedLines(text: string, rule: string): number[] {
  return text.split('\n').flatMap((line, i) => (new RegExp(`# expect: ${rule}(\\s|$)`).test(line) ? [i] : []));
}

/** Applies a fix's edits (all in one text) from last to first. */
export function applyEdits(text: string, edits: readonly { range: Finding['range']; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
