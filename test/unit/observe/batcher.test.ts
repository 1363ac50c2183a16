import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineBatcher } from '../../../src/observe/batcher';
import type { LogLine } from '../../../src/observe/model';

const lines = (n: number, from = 0): LogLine[] => Array.from({ length: n }, (_, i) => ({ ts: String(1e18 + from + i), line: `l${from + i}`, level: 'info' }));

describe('LineBatcher', () => {
  it('never holds more than maxPending and counts what it dropped (the oldest)', async () => {
    const got: Array<{ lines: LogLine[]; dropped: number }> = [];
    const batcher = new LineBatcher((l, dropped) => Promise.resolve(void got.push({ lines: l, dropped })), { maxPending: 100, intervalMs: 1_000_000, maxBatch: 1000 });
    for (let i = 0; i < 50; i++) batcher.push(lines(10, i * 10));
    assert.equal(batcher.size, 100);
    await batcher.flush();
    batcher.dispose();
    assert.equal(got.length, 1);
    assert.equal(got[0]!.dropped, 400);
    assert.equal(got[0]!.lines.length, 100);
    assert.equal(got[0]!.lines[0]!.line, 'l400');
    assert.equal(got[0]!.lines[99]!.line, 'l499');
  });

  it('waits for a slow receiver instead of sending a second batch concurrently', async () => {
    let release: () => void = () => undefined;
    const sizes: number[] = [];
    const batcher = new LineBatcher((l) => new Promise<void>((r) => { sizes.push(l.length); release = r; }), { maxPending: 1000, intervalMs: 1_000_000, maxBatch: 10 });
    batcher.push(lines(25));
    const first = batcher.flush();
    await batcher.flush(); // in flight: nothing happens
    assert.deepEqual(sizes, [10]);
    release();
    await first;
    const second = batcher.flush();
    release();
    await second;
    assert.deepEqual(sizes, [10, 10]);
    batcher.dispose();
  });

  it('reports drops from upstream even without lines', async () => {
    const got: number[] = [];
    const batcher = new LineBatcher((_l, d) => Promise.resolve(void got.push(d)), { maxPending: 10, intervalMs: 1_000_000 });
    batcher.addDropped(7);
    await batcher.flush();
    batcher.dispose();
    assert.deepEqual(got, [7]);
  });
});
