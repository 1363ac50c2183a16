// Reads what a k6 load test prints into a small series the panel can chart: requests per second, p95 latency and
// error rate. No `vscode`, no network: lines in, numbers out.
//
// What k6 prints, and what each figure comes from:
// - Its progress line, once a second when stdout is not a terminal:
//     `running (1m02.0s), 03/160 VUs, 4521 complete and 0 interrupted iterations`
//   The rate is the growth of `complete` over the growth of the elapsed time (one request per iteration, as in the
//   script src/kube/loadObjects.ts writes).
// - The window lines our script logs with console.log, which k6 prints through its logger:
//     `time="…" level=info msg="starter-stack-window start=… end=… failed=0 ms=12,15,9" source=console`
//   Each virtual user prints the durations and failures it saw since its last window. k6 itself prints latency and
//   errors only in its end-of-test summary, which a stopped test (its pod deleted) never shows.
// - The end-of-test summary: `http_req_duration…: avg=… p(95)=19.54ms`, `http_req_failed…: 0.00% …`,
//   `http_reqs…: 45765  4568.791991/s`.
import { WINDOW_TAG } from '../kube/loadObjects';
import type { LoadSeries, LoadSummary } from './model';

/** One line of the load pod's log, with its time (seconds since the epoch, from the log API's timestamps). */
export interface TimedLine {
  readonly t: number;
  readonly text: string;
}

export type K6Event =
  | { kind: 'progress'; elapsedSeconds: number; complete: number; interrupted: number }
  | { kind: 'window'; startMs: number; endMs: number; failed: number; durationsMs: number[] };

const PROGRESS =
  /^running \((?:(\d+)h)?(?:(\d+)m)?(\d+(?:\.\d+)?)s\), \d+\/\d+ VUs, (\d+) complete and (\d+) interrupted iterations/;
const WINDOW = new RegExp(`${WINDOW_TAG} start=(\\d+) end=(\\d+) failed=(\\d+) ms=([\\d.,]*)`);

/** A progress or window line as data; undefined for anything else (the banner, the summary, other logs). */
export function parseK6Line(text: string): K6Event | undefined {
  const progress = PROGRESS.exec(text.trim());
  if (progress) {
    const [, h, m, s, complete, interrupted] = progress;
    const elapsedSeconds = Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s);
    return { kind: 'progress', elapsedSeconds, complete: Number(complete), interrupted: Number(interrupted) };
  }
  const window = WINDOW.exec(text);
  if (!window) return undefined;
  const [, start, end, failed, ms] = window;
  const durationsMs = (ms ?? '')
    .split(',')
    .filter((v) => v !== '')
    .map(Number);
  return { kind: 'window', startMs: Number(start), endMs: Number(end), failed: Number(failed), durationsMs };
}

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, µs: 0.001, us: 0.001 };

/** k6's duration notation (`19.54ms`, `1.2s`, `512µs`, `1m2.5s`, `0s`) → milliseconds; undefined if it is not one. */
export function parseK6Duration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|µs|us|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, [, value, unit]) => sum + Number(value) * (UNIT_MS[unit ?? ''] ?? 0), 0);
}

/** The end-of-test summary's figures, once all three lines are there. */
export function parseK6Summary(lines: readonly string[]): LoadSummary | null {
  let p95Ms: number | undefined;
  let errorRate: number | undefined;
  let reqs: { total: number; perSecond: number } | undefined;
  for (const line of lines) {
    const text = line.trim();
    const duration = /^http_req_duration\.*:.*\bp\(95\)=(\S+)/.exec(text);
    if (duration?.[1] && p95Ms === undefined) p95Ms = parseK6Duration(duration[1]);
    const failed = /^http_req_failed\.*: (\d+(?:\.\d+)?)%/.exec(text);
    if (failed) errorRate = Number(failed[1]) / 100;
    const total = /^http_reqs\.*: (\d+)\s+(\d+(?:\.\d+)?)\/s/.exec(text);
    if (total) reqs = { total: Number(total[1]), perSecond: Number(total[2]) };
  }
  if (p95Ms === undefined || errorRate === undefined || !reqs) return null;
  return { requests: reqs.total, rps: reqs.perSecond, p95Ms, errorRate };
}

/** k6's own percentile: linear interpolation between the closest ranks of the sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (rank - below);
}

interface Bucket {
  progress?: Extract<K6Event, { kind: 'progress' }>;
  durations: number[];
  failed: number;
}

function bucketsOf(lines: readonly TimedLine[], bucketSeconds: number): Map<number, Bucket> {
  const buckets = new Map<number, Bucket>();
  const at = (seconds: number): Bucket => {
    const key = Math.floor(seconds / bucketSeconds) * bucketSeconds;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { durations: [], failed: 0 }));
    return bucket;
  };
  for (const line of lines) {
    const event = parseK6Line(line.text);
    if (event?.kind === 'progress') at(line.t).progress = event;
    if (event?.kind !== 'window') continue;
    // A window belongs where it ended (the VU's clock); its line's own time is the same moment or just after.
    const bucket = at(event.endMs / 1000);
    bucket.durations.push(...event.durationsMs);
    bucket.failed += event.failed;
  }
  return buckets;
}

/** The series of a load test's output, one point per `bucketSeconds` (time: the bucket's start, epoch seconds). */
export function k6Series(lines: readonly TimedLine[], bucketSeconds = 5): LoadSeries {
  const buckets = [...bucketsOf(lines, bucketSeconds)].sort(([a], [b]) => a - b);
  const times: number[] = [];
  const rpsOf: (number | null)[] = [];
  const p95Of: (number | null)[] = [];
  const errorsOf: (number | null)[] = [];
  // Counting starts at the test's start when the log was read from k6's banner (`execution: local`); when the read
  // began later (sinceSeconds), the first progress line only sets where the counting begins.
  const fromStart = lines.some((l) => /^\s*execution: /.test(l.text));
  const first = buckets.find(([, b]) => b.progress)?.[1].progress;
  let before = !fromStart && first ? first : { elapsedSeconds: 0, complete: 0 };
  for (const [time, bucket] of buckets) {
    let rps: number | null = null;
    if (bucket.progress && bucket.progress.elapsedSeconds > before.elapsedSeconds) {
      rps = (bucket.progress.complete - before.complete) / (bucket.progress.elapsedSeconds - before.elapsedSeconds);
      before = bucket.progress;
    }
    const sorted = bucket.durations.sort((a, b) => a - b);
    times.push(time);
    rpsOf.push(rps);
    const p95 = percentile(sorted, 95);
    // Two decimals, as k6 prints durations.
    p95Of.push(p95 === null ? null : Math.round(p95 * 100) / 100);
    errorsOf.push(sorted.length > 0 ? bucket.failed / sorted.length : null);
  }
  return { times, rps: rpsOf, p95Ms: p95Of, errorRate: errorsOf, summary: parseK6Summary(lines.map((l) => l.text)) };
}
