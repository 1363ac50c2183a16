// The log of a simulated k6 load test, in the shape of grafana/k6 0.54's own output when stdout is not a terminal:
// the banner and scenario description, a progress pair every (simulated) second, and once the test is over the
// end-of-test summary (checks, http_req_duration avg/p(95), http_req_failed, http_reqs, iterations, vus). Every
// 5 simulated seconds, the window lines the stack's script logs (console.log, through k6's logger). The figures
// follow the test's rate (the same ramp the simulated CPU follows); latencies are plausible fixed-seed numbers, not
// measurements: nothing is sent anywhere.
import { createHash } from 'node:crypto';
import { type LoadProfile, rateAt } from './controllers/load';

export interface LogLine {
  t: Date;
  text: string;
}

/** `0m05.0s`, as k6 writes elapsed time. */
function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}m${(seconds - m * 60).toFixed(1).padStart(4, '0')}s`;
}

/** `5m0s`, `1m30s`, as k6 writes stage durations. */
function span(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m ? `${m}m${seconds % 60}s` : `${seconds}s`;
}

/** Requests completed by `seconds` into the test (the integral of the ramp and the held rate). */
export function completedBy(profile: LoadProfile, seconds: number): number {
  const x = Math.max(0, Math.min(seconds, profile.durationSeconds));
  const ramp = Math.min(x, profile.rampSeconds);
  const ramped = ramp + ((profile.rps - 1) * ramp * ramp) / (2 * Math.max(1, profile.rampSeconds));
  return Math.round(ramped + profile.rps * Math.max(0, x - profile.rampSeconds));
}

const vusFor = (profile: LoadProfile) => Math.max(2, Math.ceil(profile.rps / 5));

export function k6Header(profile: LoadProfile): string[] {
  const vus = vusFor(profile);
  return [
    '',
    '         /\\      Grafana   /‾‾/  ',
    '    /\\  /  \\     |\\  __   /  /   ',
    '   /  \\/    \\    | |/ /  /   ‾‾\\ ',
    '  /          \\   |   (  |  (‾)  |',
    ' / __________ \\  |_|\\_\\  \\_____/ ',
    '',
    '     execution: local',
    '        script: /scripts/load.js',
    '        output: -',
    '',
    `     scenarios: (100.00%) 1 scenario, ${vus * 4} max VUs, ${span(profile.durationSeconds + 30)} max duration (incl. graceful stop):`,
    `              * load: Up to ${profile.rps.toFixed(2)} iterations/s for ${span(profile.durationSeconds)} over 2 stages (maxVUs: ${vus}-${vus * 4}, gracefulStop: 30s)`,
    '',
  ];
}

function vusAt(profile: LoadProfile, seconds: number): number {
  // Little's law at ~15 ms per request, at least one busy VU while requests flow.
  return Math.max(rateAt(profile, seconds) > 0 ? 1 : 0, Math.ceil(rateAt(profile, seconds) * 0.015));
}

export function k6Progress(profile: LoadProfile, second: number): string[] {
  const max = vusFor(profile) * 4;
  const vus = String(vusAt(profile, second)).padStart(String(max).length, '0');
  const percent = Math.min(100, Math.floor((second / profile.durationSeconds) * 100));
  return [
    `running (${clock(second)}), ${vus}/${max} VUs, ${completedBy(profile, second)} complete and 0 interrupted iterations`,
    `load   [ ${String(percent).padStart(3)}% ] ${vus}/${max} VUs  ${clock(second)}/${span(profile.durationSeconds)}  ${rateAt(profile, second).toFixed(2).padStart(6, '0')} iters/s`,
  ];
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(2)}ms`;
}

export function k6Summary(profile: LoadProfile, seed: string): string[] {
  const r = createHash('sha1').update(seed).digest();
  const total = completedBy(profile, profile.durationSeconds);
  const perSecond = (total / profile.durationSeconds).toFixed(6);
  const avg = 8 + (r[0]! % 80) / 10;
  const p95 = avg * (2.4 + (r[1]! % 10) / 10);
  const duration = `avg=${ms(avg)} min=${ms(0.9 + (r[2]! % 9) / 10)} med=${ms(avg * 0.8)} max=${ms(p95 * 4.2)} p(90)=${ms(p95 * 0.8)} p(95)=${ms(p95)}`;
  const kb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`);
  const max = vusFor(profile) * 4;
  return [
    '',
    '     ✓ status is 2xx',
    '',
    `     checks.........................: 100.00% ${total} out of ${total}`,
    `     data_received..................: ${kb(total * 240)}  ${kb((total * 240) / profile.durationSeconds)}/s`,
    `     data_sent......................: ${kb(total * 110)}  ${kb((total * 110) / profile.durationSeconds)}/s`,
    `     http_req_duration..............: ${duration}`,
    `       { expected_response:true }...: ${duration}`,
    `     http_req_failed................: 0.00%   0 out of ${total}`,
    `     http_reqs......................: ${total}   ${perSecond}/s`,
    `     iteration_duration.............: avg=${ms(avg + 0.4)} min=${ms(1.2)} med=${ms(avg * 0.8 + 0.3)} max=${ms(p95 * 4.2 + 1)} p(90)=${ms(p95 * 0.8 + 0.3)} p(95)=${ms(p95 + 0.4)}`,
    `     iterations.....................: ${total}   ${perSecond}/s`,
    `     vus............................: ${vusAt(profile, profile.durationSeconds - 1)}       min=1        max=${Math.max(1, vusAt(profile, profile.rampSeconds))}`,
    `     vus_max........................: ${vusFor(profile)}      min=${vusFor(profile)}       max=${vusFor(profile)}`,
    '',
    '',
    `running (${clock(profile.durationSeconds)}), 00/${max} VUs, ${total} complete and 0 interrupted iterations`,
    `load ✓ [ 100% ] 00/${max} VUs  ${span(profile.durationSeconds)}  ${profile.rps.toFixed(2)} iters/s`,
  ];
}

/** Seconds between the window lines each virtual user logs (WINDOW_SECONDS of the script). */
const WINDOW = 5;

/** A small fixed-seed generator: the same second gives the same durations on every read of the log. */
function durationsFor(count: number, seed: number): number[] {
  let x = (seed * 2654435761) >>> 0 || 1;
  const next = () => (x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  // Mostly 6–16 ms, a tail to ~45 ms: the shape of a small API answering from memory.
  return Array.from({ length: count }, () => Math.round(6 + next() * 10 + (next() < 0.06 ? next() * 30 : 0)));
}

/**
 * The script's console.log lines at simulated second `i` (every WINDOW seconds), in k6's logger format: one per
 * busy virtual user, with the durations of its share of the requests since the last window and no failures.
 * `t` is the wall clock, `secondMs` one simulated second in wall-clock ms.
 */
export function k6WindowLines(profile: LoadProfile, i: number, t: Date, secondMs: number): string[] {
  if (i === 0 || i % WINDOW !== 0 || i > profile.durationSeconds) return [];
  const requests = completedBy(profile, i) - completedBy(profile, i - WINDOW);
  const vus = Math.max(1, vusAt(profile, i - 1));
  const end = t.getTime();
  const time = t.toISOString().replace(/\.\d+Z$/, 'Z');
  return Array.from({ length: vus }, (_, vu) => {
    const share = Math.floor(requests / vus) + (vu < requests % vus ? 1 : 0);
    const ms = durationsFor(share, i * 1000 + vu).join(',');
    const msg = `starter-stack-window start=${end - WINDOW * secondMs} end=${end} failed=0 ms=${ms}`;
    return `time="${time}" level=info msg="${msg}" source=console`;
  });
}

/** The lines due at simulated second `i` (0: the banner) stamped `t`; `secondMs` as for k6WindowLines. */
export function k6LinesAt(profile: LoadProfile, i: number, t: Date, secondMs = 1000): LogLine[] {
  const texts =
    i === 0
      ? k6Header(profile)
      : i <= profile.durationSeconds
        ? [...k6WindowLines(profile, i, t, secondMs), ...k6Progress(profile, i)]
        : [];
  return texts.map((text) => ({ t, text }));
}

/** Everything k6 printed from `from` to `to` (ms; one simulated second per `interval`), the summary if it ended. */
export function k6Lines(
  profile: LoadProfile,
  seed: string,
  from: number,
  to: number,
  interval: number,
  finished: boolean,
): LogLine[] {
  const out: LogLine[] = [];
  for (let i = 0, t = from; t <= to; i++, t += interval) out.push(...k6LinesAt(profile, i, new Date(t), interval));
  if (finished) out.push(...k6Summary(profile, seed).map((text) => ({ t: new Date(to), text })));
  return out;
}
