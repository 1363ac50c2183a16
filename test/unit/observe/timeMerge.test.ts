import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogLine } from '../../../src/observe/model';
import { compareTs, TimeMerge } from '../../../src/observe/timeMerge';

const line = (pod: string, seconds: number, text: string): LogLine => ({
  ts: `${seconds}000000000`,
  line: text,
  pod,
  container: 'app',
  level: 'info',
});

describe('Kubernetes-log fallback: lines of several pods in time order', () => {
  it("interleaves two pods' history bursts by timestamp instead of pod by pod", () => {
    const delivered: LogLine[][] = [];
    const merge = new TimeMerge((lines) => delivered.push(lines), 60_000);
    merge.push([line('api-1', 1700000001, 'a1'), line('api-1', 1700000003, 'a3'), line('api-1', 1700000005, 'a5')]);
    merge.push([line('api-2', 1700000002, 'b2'), line('api-2', 1700000004, 'b4')]);
    assert.equal(delivered.length, 0, 'held for the merge window');
    merge.flush();
    assert.deepEqual(
      delivered.map((batch) => batch.map((l) => l.line)),
      [['a1', 'b2', 'a3', 'b4', 'a5']],
    );
    merge.dispose();
  });

  it('delivers by itself after the window, and compares timestamps of different lengths as numbers', async () => {
    assert.ok(compareTs('999999999000000000', '1000000000000000000') < 0);
    const delivered: string[] = [];
    const merge = new TimeMerge((lines) => delivered.push(...lines.map((l) => l.line)), 5);
    merge.push([line('p', 1700000002, 'later'), line('p', 999999999, 'earlier')]);
    for (let i = 0; i < 200 && delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(delivered, ['earlier', 'later']);
    merge.dispose();
  });
});
