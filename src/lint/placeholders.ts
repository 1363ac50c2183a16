// Placeholders: values a tool fills in before the manifest reaches the API server (envsubst and Flux's
// post-build substitution `${VAR}`, kustomize vars `$(VAR)`, Mustache/Jinja/Helm `{{ … }}` outside a chart,
// and `<your-project>`). Checking them as values reports the template, not a mistake: a finding on one is
// information only. A tutorial's `PROJECT_ID`-style names are not among them: capability names, env names and config
// keys are spelt the same way.
import type { DocChunk } from './parse';
import type { Range } from './types';

const SUBSTITUTED = /\$\{[^}\n]*\}|\$\([A-Za-z_][A-Za-z0-9_.]*\)|\{\{[^\n]*\}\}/;
const WHOLE = /^<[^<>\n]+>$/;

/** True when the text of a value is, or holds, a placeholder. */
export function isPlaceholder(text: string): boolean {
  if (SUBSTITUTED.test(text)) return true;
  const bare = text.trim().replace(/^(["'])(.*)\1$/s, '$2');
  return WHOLE.test(bare);
}

/** The text a range of the chunk covers (file lines; the chunk starts at `chunk.startLine`), or '' when outside. */
export function textIn(chunk: DocChunk, range: Range): string {
  const { start, end } = range;
  if (start.line < chunk.startLine || end.line < start.line) return '';
  const lines = chunk.text.split('\n', end.line - chunk.startLine + 1).slice(start.line - chunk.startLine);
  if (lines.length === 0) return '';
  if (lines.length === 1) return (lines[0] ?? '').slice(start.character, end.character);
  const last = lines.length - 1;
  return lines
    .map((l, i) => (i === 0 ? l.slice(start.character) : i === last ? l.slice(0, end.character) : l))
    .join('\n');
}
