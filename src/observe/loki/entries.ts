import { detectLevel } from '../logql';
import type { LogLine } from '../model';

/** A Loki stream as query_range and the tail API return it. */
export interface LokiStream {
  readonly stream: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [string, string])[];
}

function isStream(value: unknown): value is LokiStream {
  if (typeof value !== 'object' || value === null) return false;
  const { stream, values } = value as { stream?: unknown; values?: unknown };
  return (
    typeof stream === 'object' &&
    stream !== null &&
    Array.isArray(values) &&
    values.every((v) => Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string')
  );
}

/** The streams of a query_range answer or a tail message; anything malformed is skipped, not trusted. */
export function readStreams(value: unknown): LokiStream[] {
  return Array.isArray(value) ? value.filter(isStream) : [];
}

/** Compares two nanosecond decimal strings without losing precision. */
export function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toLogLines(streams: readonly LokiStream[]): LogLine[] {
  const lines: LogLine[] = [];
  for (const { stream, values } of streams) {
    for (const [ts, line] of values)
      lines.push({ ts, line, pod: stream.pod, container: stream.container, level: detectLevel(line) });
  }
  return lines.sort((a, b) => compareNs(a.ts, b.ts));
}

export function msToNs(ms: number): string {
  return `${Math.floor(ms)}000000`;
}

/** One nanosecond before/after, on the decimal string. */
export function shiftNs(ns: string, delta: 1 | -1): string {
  return (BigInt(ns) + BigInt(delta)).toString();
}
