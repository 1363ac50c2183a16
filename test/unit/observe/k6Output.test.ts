import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { k6Series, parseK6Duration, parseK6Line, parseK6Summary, percentile } from '../../../src/observe/k6Output';
import { k6Lines } from '../../../sim/k6Logs';
import { splitTimestamp } from '../../../src/observe/kubeLogs';

// k6 0.54 with stdout not a terminal (a pod's log): a progress pair every second, then the summary.
const K6_054_SUMMARY = `
     ✓ status is 2xx

     checks.........................: 100.00% 11970 out of 11970
     data_received..................: 2.9 MB  9.6 kB/s
     data_sent......................: 1.3 MB  4.4 kB/s
     http_req_duration..............: avg=11.62ms min=1.1ms med=9.3ms max=134.73ms p(90)=25.65ms p(95)=32.08ms
       { expected_response:true }...: avg=11.62ms min=1.1ms med=9.3ms max=134.73ms p(90)=25.65ms p(95)=32.08ms
     http_req_failed................: 1.25%   150 out of 11970
     http_reqs......................: 11970   39.899982/s
     iteration_duration.............: avg=12.02ms min=1.2ms med=9.6ms max=135.73ms p(90)=25.95ms p(95)=32.48ms
     iterations.....................: 11970   39.899982/s

running (5m00.0s), 00/160 VUs, 11970 complete and 0 interrupted iterations
load ✓ [ 100% ] 00/160 VUs  5m0s  40.00 iters/s`.split('\n');

// Older k6 (0.4x): seconds without minutes, ✓/✗ counts on http_req_failed.
const K6_OLD_SUMMARY = `
running (10.0s), 00/80 VUs, 45765 complete and 0 interrupted iterations
default ✓ [======================] 80 VUs  10s

     http_req_duration..............: avg=17.47ms min=10.93ms med=17.31ms max=1.2s    p(90)=18.91ms p(95)=1.05s
     http_req_failed................: 0.00%  ✓ 0           ✗ 45765
     http_reqs......................: 45765  4568.791991/s`.split('\n');

const at = (t: number, text: string) => ({ t, text });

describe('k6 output', () => {
  it("reads k6's progress line, with and without minutes or hours", () => {
    assert.deepEqual(parseK6Line('running (0m05.0s), 02/160 VUs, 57 complete and 1 interrupted iterations'), {
      kind: 'progress',
      elapsedSeconds: 5,
      complete: 57,
      interrupted: 1,
    });
    assert.equal(
      (parseK6Line('running (10.0s), 00/80 VUs, 45765 complete and 0 interrupted iterations') as { complete: number })
        .complete,
      45765,
    );
    const long = parseK6Line('running (1h02m03.5s), 40/160 VUs, 9 complete and 0 interrupted iterations');
    assert.equal((long as { elapsedSeconds: number }).elapsedSeconds, 3723.5);
    assert.equal(parseK6Line('load   [  10% ] 02/160 VUs  0m05.0s/5m0s  020.00 iters/s'), undefined);
  });

  it("reads the script's window line as k6's logger prints it (quoted msg, source=console)", () => {
    const line =
      'time="2024-10-07T10:00:05Z" level=info msg="starter-stack-window start=1728295200000 end=1728295205000 failed=2 ms=12,15,9" source=console';
    assert.deepEqual(parseK6Line(line), {
      kind: 'window',
      startMs: 1728295200000,
      endMs: 1728295205000,
      failed: 2,
      durationsMs: [12, 15, 9],
    });
  });

  it("reads k6's durations: ms, s, µs, minutes", () => {
    assert.equal(parseK6Duration('32.08ms'), 32.08);
    assert.equal(parseK6Duration('1.05s'), 1050);
    assert.equal(parseK6Duration('512µs'), 0.512);
    assert.equal(parseK6Duration('1m2.5s'), 62_500);
    assert.equal(parseK6Duration('0s'), 0);
    assert.equal(parseK6Duration('fast'), undefined);
  });

  it("reads the end-of-test summary of k6 0.54 and of older k6's ✓/✗ format", () => {
    assert.deepEqual(parseK6Summary(K6_054_SUMMARY), {
      requests: 11970,
      rps: 39.899982,
      p95Ms: 32.08,
      errorRate: 0.0125,
    });
    assert.deepEqual(parseK6Summary(K6_OLD_SUMMARY), {
      requests: 45765,
      rps: 4568.791991,
      p95Ms: 1050,
      errorRate: 0,
    });
    assert.equal(parseK6Summary(K6_054_SUMMARY.slice(0, 6)), null, 'no summary until its lines are there');
  });

  it('takes the p95 as k6 does (interpolated between ranks)', () => {
    assert.equal(percentile([10, 20], 95), 19.5);
    assert.equal(percentile([5], 95), 5);
    assert.equal(percentile([], 95), null);
  });

  it('turns a running test into req/s, p95 and error rate per 5 s', () => {
    const lines = [
      at(1000, '     execution: local'),
      at(1000, 'running (0m01.0s), 01/20 VUs, 1 complete and 0 interrupted iterations'),
      at(1004, 'running (0m05.0s), 01/20 VUs, 41 complete and 0 interrupted iterations'),
      at(1005, 'msg="starter-stack-window start=1000000 end=1005000 failed=1 ms=10,20,30,40" source=console'),
      at(1005, 'msg="starter-stack-window start=1000100 end=1005100 failed=0 ms=50,60,70,80,90,100" source=console'),
      at(1009, 'running (0m10.0s), 02/20 VUs, 141 complete and 0 interrupted iterations'),
    ];
    const series = k6Series(lines);
    assert.deepEqual(series.times, [1000, 1005]);
    assert.deepEqual(series.rps, [41 / 5, 100 / 5]);
    assert.deepEqual(series.p95Ms, [null, 95.5]);
    assert.deepEqual(series.errorRate, [null, 0.1]);
    assert.equal(series.summary, null);
    // A log read from later on (no banner): the first progress line is where counting starts, not a rate.
    assert.deepEqual(k6Series(lines.slice(1)).rps, [null, 100 / 5]);
  });

  it("reads the demo cluster's k6 log (the format above) into the test's rate and a finished summary", () => {
    const profile = { service: 'node-api', rps: 40, durationSeconds: 60, rampSeconds: 6 };
    const start = Date.UTC(2026, 0, 1);
    const raw = k6Lines(profile, 'seed', start, start + 60_000, 1000, true);
    // As the log API serves them with timestamps=true, read back the way the panel reads them.
    const lines = raw.map((l) => splitTimestamp(`${l.t.toISOString()} ${l.text}`));
    const series = k6Series(lines.map((l) => ({ t: Number(BigInt(l.ts) / 1_000_000_000n), text: l.line })));
    const held = series.rps.slice(3, -1);
    assert.ok(held.length > 5 && held.every((r) => r !== null && Math.abs(r - 40) < 1), `rps ${held.join(',')}`);
    const p95 = series.p95Ms.filter((v) => v !== null);
    assert.ok(p95.length >= 10 && p95.every((v) => v > 5 && v < 60), `p95 ${p95.join(',')}`);
    assert.ok(series.errorRate.every((v) => v === null || v === 0));
    assert.equal(series.summary?.errorRate, 0);
    assert.ok((series.summary?.requests ?? 0) > 2000);
  });
});
