// Log lines on the wire between the host and the webview. At 10,000 lines a second the shape matters: a line is
// a tuple (no repeated keys to serialize, clone and allocate), its pod/container is an index into the batch's
// `sources`, its level an index into LOG_LEVELS. Both sides import this file; it has no DOM and no Node.
import { LOG_LEVELS, type LogLevel, type LogLine } from '../observe/model';
import type { Check } from './schema';

/** One line: nanoseconds as digits, the text, an index into the batch's sources, an index into LOG_LEVELS. */
export type LogTuple = [ts: string, line: string, source: number, level: number];

/** A pod/container pair, named once per batch; '' when the line has none. */
export type LogSourceName = [pod: string, container: string];

/** Lines as they cross the boundary. */
export interface LogBatch {
  lines: LogTuple[];
  sources: LogSourceName[];
}

/** Bounds a hostile or broken message cannot exceed (Loki's own line limit is 256 kB). */
const MAX_BATCH_LINES = 1_000_000;
const MAX_SOURCES = 100_000;
const MAX_LINE = 1_000_000;

const LEVEL_INDEX: ReadonlyMap<LogLevel, number> = new Map(LOG_LEVELS.map((level, i) => [level, i]));

/** Turns lines into a batch, naming each distinct pod/container once. */
export function encodeLines(lines: readonly LogLine[]): LogBatch {
  const index = new Map<string, number>();
  const sources: LogSourceName[] = [];
  const tuples = lines.map((line): LogTuple => {
    const pod = line.pod ?? '';
    const container = line.container ?? '';
    const key = `${pod}\u0000${container}`;
    let source = index.get(key);
    if (source === undefined) {
      source = sources.push([pod, container]) - 1;
      index.set(key, source);
    }
    return [line.ts, line.line, source, LEVEL_INDEX.get(line.level) ?? LOG_LEVELS.length - 1];
  });
  return { lines: tuples, sources };
}

/** Back to lines (tests and any consumer that wants objects; the webview's store keeps the columns). */
export function decodeLines(batch: LogBatch): LogLine[] {
  return batch.lines.map(([ts, line, source, level]) => {
    const [pod, container] = batch.sources[source] ?? ['', ''];
    return {
      ts,
      line,
      level: LOG_LEVELS[level] ?? 'unknown',
      ...(pod ? { pod } : {}),
      ...(container ? { container } : {}),
    };
  });
}

function isNanoseconds(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 20) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isIndex(value: unknown, length: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < length;
}

/** Why one tuple is malformed (only computed once the fast check has failed). */
function tupleProblem(t: unknown, sources: number, p: string): string {
  if (!Array.isArray(t) || t.length !== 4) return `${p}: expected [ts, line, source, level]`;
  if (!isNanoseconds(t[0])) return `${p}[0]: expected nanoseconds as digits`;
  if (typeof t[1] !== 'string' || t[1].length > MAX_LINE) return `${p}[1]: expected a string of at most ${MAX_LINE}`;
  if (!isIndex(t[2], sources)) return `${p}[2]: expected an index into sources (${sources})`;
  return `${p}[3]: expected a level index below ${LOG_LEVELS.length}`;
}

function isSourceName(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

/**
 * Checks a batch's `lines` and `sources` together (a tuple's source must exist). One tight loop over plain
 * type tests, with no per-line path strings or closures: cheap enough for every batch, and still refuses
 * anything malformed, naming the first bad element.
 */
export const logBatch: Check = (v, p) => {
  if (typeof v !== 'object' || v === null) return `${p}: expected an object`;
  const { lines, sources } = v as Partial<Record<keyof LogBatch, unknown>>;
  if (!Array.isArray(sources) || sources.length > MAX_SOURCES)
    return `${p}.sources: expected an array of at most ${MAX_SOURCES}`;
  for (let i = 0; i < sources.length; i++) {
    if (!isSourceName(sources[i])) return `${p}.sources[${i}]: expected [pod, container]`;
  }
  if (!Array.isArray(lines) || lines.length > MAX_BATCH_LINES)
    return `${p}.lines: expected an array of at most ${MAX_BATCH_LINES}`;
  const levels = LOG_LEVELS.length;
  for (let i = 0; i < lines.length; i++) {
    const t: unknown = lines[i];
    const ok =
      Array.isArray(t) &&
      t.length === 4 &&
      isNanoseconds(t[0]) &&
      typeof t[1] === 'string' &&
      t[1].length <= MAX_LINE &&
      isIndex(t[2], sources.length) &&
      isIndex(t[3], levels);
    if (!ok) return tupleProblem(t, sources.length, `${p}.lines[${i}]`);
  }
  return undefined;
};
