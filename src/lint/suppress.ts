import type { LintObject } from './object';
import type { DocChunk } from './parse';

/** The annotation that turns rules off for one object: a comma list of rule ids, or `all`. */
export const DISABLE_ANNOTATION = 'lint.starter-stack.dev/disable';

const COMMENT = /#\s*starter-stack-lint\s+(disable-next-line|disable)\b([^\n]*)/g;

/** Which rules are off for a document: everywhere in it, or on single lines (chunk-relative). */
export interface Suppressions {
  readonly all: ReadonlySet<string>;
  readonly lines: ReadonlyMap<number, ReadonlySet<string>>;
}

function ruleList(text: string): string[] {
  // `-- reason` ends the list: the reason is for the reader.
  const ids = (text.split(/\s--(\s|$)/)[0] ?? '').split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 ? ['all'] : ids;
}

/**
 * `# starter-stack-lint disable rule-a, rule-b` anywhere in a document turns them off for that document;
 * `# starter-stack-lint disable-next-line rule-a` only for the next line. No rule ids means all rules.
 * A reason may follow ` -- `: `# starter-stack-lint disable privileged -- node-exporter reads the host's /proc`.
 */
export function readSuppressions(chunk: DocChunk, object: LintObject | undefined): Suppressions {
  const all = new Set<string>();
  const lines = new Map<number, Set<string>>();
  const annotation = object?.annotations[DISABLE_ANNOTATION];
  if (annotation !== undefined) ruleList(annotation).forEach((id) => all.add(id));
  if (!chunk.text.includes('starter-stack-lint')) return { all, lines };
  for (const match of chunk.text.matchAll(COMMENT)) {
    const ids = ruleList(match[2] ?? '');
    if (match[1] === 'disable') ids.forEach((id) => all.add(id));
    else {
      const line = chunk.text.slice(0, match.index).split('\n').length;
      lines.set(line, new Set([...(lines.get(line) ?? []), ...ids]));
    }
  }
  return { all, lines };
}

export function isSuppressed(s: Suppressions, rule: string, chunkLine: number): boolean {
  if (s.all.has('all') || s.all.has(rule)) return true;
  const line = s.lines.get(chunkLine);
  return line !== undefined && (line.has('all') || line.has(rule));
}
