import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { LineBatcher } from '../../../src/observe/batcher';
import type { LogLine } from '../../../src/observe/model';

const lines = (n: number, from = 0): LogLine[] =>
  Array.from({ length: n }, (_, i) => ({ ts: String(1e18 + from + i), line: `l${from + i}`, level: 'info' }));

describe('LineBatcher', () => {
  it('never holds more than maxPending and counts what it dropped (the oldest)', async () => {
    const got: Array<{ lines: LogLine[]; dropped: number }> = [];
    const batcher = new LineBatcher((l, dropped) => Promise.resolve(void got.push({ lines: l, dropped })), {
      maxPending: 100,
      intervalMs: 1_000_000,
      maxBatch: 1000,
    });
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
    const batcher = new LineBatcher(
      (l) =>
        new Promise<void>((r) => {
          sizes.push(l.length);
          release = r;
        }),
      { maxPending: 1000, intervalMs: 1_000_000, maxBatch: 10 },
    );
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
    const batcher = new LineBatcher((_l, d) => Promise.resolve(void got.push(d)), {
      maxPending: 10,
      intervalMs: 1_000_000,
    });
    batcher.addDropped(7);
    await batcher.flush();
    batcher.dispose();
    assert.deepEqual(got, [7]);
  });
});

describe('LineBatcher cadence', () => {
  /** Moves the mocked clock in small steps, letting promise callbacks run in between. */
  async function advance(ms: number): Promise<void> {
    for (let i = 0; i < ms; i++) {
      mock.timers.tick(1);
      for (let j = 0; j < 5; j++) await Promise.resolve();
    }
  }

  it('sends the next batch at once when delivering took longer than the interval, instead of skipping a tick', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const sentAt: number[] = [];
      // A receiver that takes 80 ms per batch, with batches due every 50 ms.
      const batcher = new LineBatcher(
        () =>
          new Promise<void>((resolve) => {
            sentAt.push(Date.now());
            setTimeout(resolve, 80);
          }),
        { maxPending: 10_000, intervalMs: 50 },
      );
      for (let i = 0; i < 10; i++) batcher.push(lines(100, i * 100));
      await advance(50);
      batcher.push(lines(100, 1000));
      await advance(90);
      batcher.push(lines(100, 1100));
      await advance(90);
      batcher.dispose();
      // Each batch follows the previous one as soon as it was taken (80 ms, plus a mocked millisecond), not on
      // the next 50 ms tick after that (100 ms): the receiver sets the pace.
      assert.equal(sentAt.length, 3);
      assert.equal(sentAt[0], 50);
      for (let i = 1; i < sentAt.length; i++)
        assert.ok(sentAt[i]! - sentAt[i - 1]! <= 82, `batch ${i} after ${sentAt[i]! - sentAt[i - 1]!} ms`);
    } finally {
      mock.timers.reset();
    }
  });

  it('catches up after falling behind: full batches go back to back, then one per interval again', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const sent: Array<[at: number, size: number]> = [];
      const batcher = new LineBatcher((l) => Promise.resolve(void sent.push([Date.now(), l.length])), {
        maxPending: 10_000,
        intervalMs: 50,
        maxBatch: 500,
      });
      batcher.push(lines(1200));
      await advance(120);
      batcher.dispose();
      assert.deepEqual(
        sent.map(([, size]) => size),
        [500, 500, 200],
      );
      const [first, second, third] = sent.map(([at]) => at) as [number, number, number];
      assert.ok(second - first <= 1, `the second full batch followed at once (${second - first} ms, mocked)`);
      assert.ok(third - second >= 49, `the remainder waited for the interval (${third - second} ms, mocked)`);
    } finally {
      mock.timers.reset();
    }
  });
});
