import type { LogFilter, LogLevel, Scope } from './model';

/** A LogQL string literal: backslashes and quotes escaped (LogQL uses Go's string syntax). */
export function logqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Escapes RE2 metacharacters so a plain text can sit inside a regex matcher. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The stream selector for a scope. Alloy labels every stream with namespace, pod, container and app
 * (app = the pod's app.kubernetes.io/name, which is the workload's name in the stack).
 */
export function scopeSelector(scope: Scope): string {
  const matchers = [`namespace=${logqlString(scope.namespace)}`];
  if (scope.workload) matchers.push(`app=${logqlString(scope.workload)}`);
  if (scope.pod) matchers.push(`pod=${logqlString(scope.pod)}`);
  return `{${matchers.join(', ')}}`;
}

/** How each level shows up in a line: `level=error`, `"level":"error"`, `ERROR`, `[warn]`… (case-insensitive). */
const LEVEL_WORDS: Record<Exclude<LogLevel, 'unknown'>, readonly string[]> = {
  error: ['error', 'err', 'fatal', 'panic', 'critical', 'crit'],
  warn: ['warn', 'warning'],
  info: ['info', 'notice'],
  debug: ['debug', 'trace'],
};

/**
 * A line filter for the chosen levels. A regex over the line (not `| json | level=…`) so that plain-text
 * lines are not dropped with a parser error, and it works on every Loki version.
 */
export function levelLineFilter(levels: readonly LogLevel[]): string | undefined {
  const words = levels.flatMap((l) => (l === 'unknown' ? [] : LEVEL_WORDS[l]));
  if (words.length === 0 || levels.length >= 5) return undefined;
  return `|~ ${logqlString(`(?i)\\b(${words.join('|')})\\b`)}`;
}

/** The whole query: selector, then the text (or regex) filter, then the level filter. */
export function buildLogQuery(scope: Scope, filter: LogFilter): string {
  const parts = [scopeSelector(scope)];
  if (filter.text !== '')
    parts.push(filter.regex ? `|~ ${logqlString(filter.text)}` : `|= ${logqlString(filter.text)}`);
  const levels = levelLineFilter(filter.levels);
  if (levels) parts.push(levels);
  return parts.join(' ');
}

/** Case-insensitive substring as a regex, for the Kubernetes-API fallback which filters locally. */
export function textMatcher(filter: LogFilter): RegExp | undefined {
  if (filter.text === '') return undefined;
  try {
    return new RegExp(filter.regex ? filter.text : regexLiteral(filter.text));
  } catch {
    return undefined;
  }
}

const LEVEL_PATTERN = new RegExp(`\\b(${Object.values(LEVEL_WORDS).flat().join('|')})\\b`, 'i');
const LEVEL_BY_WORD = new Map(
  Object.entries(LEVEL_WORDS).flatMap(([level, words]) => words.map((w) => [w, level as LogLevel])),
);

/** The level a line announces, looking only at its first 200 characters (where loggers put it). */
export function detectLevel(line: string): LogLevel {
  const match = LEVEL_PATTERN.exec(line.slice(0, 200));
  return match?.[1] ? (LEVEL_BY_WORD.get(match[1].toLowerCase()) ?? 'unknown') : 'unknown';
}
