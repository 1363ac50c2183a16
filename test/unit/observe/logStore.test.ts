import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogLine } from '../../../src/observe/model';
import { labelColour } from '../../../webview/logSources';
import { LogStore } from '../../../webview/logStore';
import { encodeLines } from '../../../src/protocol/logWire';

const line = (i: number, pod = `api-${i % 2}`): LogLine => ({
  ts: String(1_700_000_000_000_000_000n + BigInt(i)),
  line: `line ${i}`,
  pod,
  container: 'app',
  level: i % 5 === 0 ? 'error' : 'info',
});
const batch = (from: number, n: number) => encodeLines(Array.from({ length: n }, (_, i) => line(from + i)));

function texts(store: LogStore): string[] {
  return Array.from({ length: store.size }, (_, i) => store.textAt(i));
}

function append(store: LogStore, from: number, n: number, droppedUpstream = 0): number {
  const { lines, sources } = batch(from, n);
  return store.append(lines, sources, droppedUpstream);
}

describe('the webview log buffer (a ring)', () => {
  it('evicts the oldest beyond capacity, keeps the order and counts every eviction as dropped', () => {
    const store = new LogStore(5);
    assert.equal(append(store, 0, 3), 0);
    assert.equal(append(store, 3, 4), 2);
    assert.deepEqual(texts(store), ['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    assert.equal(store.dropped, 2);
    // Round and round the ring several times: still the newest five, oldest first.
    for (let i = 7; i < 40; i += 3) append(store, i, 3);
    assert.deepEqual(texts(store), ['line 35', 'line 36', 'line 37', 'line 38', 'line 39']);
    assert.equal(store.dropped, 40 - 5);
    assert.deepEqual(store.at(0), {
      seq: 35,
      ts: line(35).ts,
      line: 'line 35',
      pod: 'api-1',
      container: 'app',
      level: 'error',
    });
    assert.equal(store.seqAt(4) - store.seqAt(0), 4);
  });

  it('adds what the host dropped, and keeps only the newest lines of a batch bigger than the buffer', () => {
    const store = new LogStore(4);
    append(store, 0, 2);
    assert.equal(append(store, 2, 10, 7), 2);
    assert.deepEqual(texts(store), ['line 8', 'line 9', 'line 10', 'line 11']);
    assert.equal(store.dropped, 7 + 8);
  });

  it('puts older history in front, only into free room, never evicting newer lines', () => {
    const store = new LogStore(6);
    append(store, 10, 3);
    const older = batch(0, 10);
    store.more = true;
    assert.equal(store.prepend(older.lines, older.sources), 3);
    assert.deepEqual(texts(store), ['line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    assert.equal(store.more, false, 'what did not fit cannot be paged to any more');
    assert.equal(store.seqAt(0) + 3, store.seqAt(3));
    assert.equal(store.prepend(older.lines, older.sources), 0);
    assert.equal(store.dropped, 0);
  });

  it("prepends across the ring's seam after it has wrapped", () => {
    const store = new LogStore(5);
    append(store, 0, 8); // the ring has wrapped
    store.clear();
    append(store, 20, 2);
    const older = batch(17, 3);
    store.prepend(older.lines, older.sources);
    assert.deepEqual(texts(store), ['line 17', 'line 18', 'line 19', 'line 20', 'line 21']);
    append(store, 22, 1);
    assert.deepEqual(texts(store), ['line 18', 'line 19', 'line 20', 'line 21', 'line 22']);
  });

  it('resizing keeps the newest lines and counts the rest as dropped', () => {
    const store = new LogStore(10);
    append(store, 0, 8);
    store.capacity = 3;
    assert.deepEqual(texts(store), ['line 5', 'line 6', 'line 7']);
    assert.equal(store.dropped, 5);
    store.capacity = 6;
    append(store, 8, 2);
    assert.deepEqual(texts(store), ['line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
  });

  it('clearing empties the buffer and the counts; lines after it never share a position with lines before', () => {
    const store = new LogStore(5);
    append(store, 0, 4, 3);
    const before = new Set(Array.from({ length: store.size }, (_, i) => store.seqAt(i)));
    store.clear();
    assert.equal(store.size, 0);
    assert.equal(store.dropped, 0);
    assert.equal(store.oldest(), undefined);
    const history = batch(100, 5);
    store.prepend(history.lines, history.sources);
    append(store, 105, 2);
    for (let i = 0; i < store.size; i++) assert.ok(!before.has(store.seqAt(i)), `seq ${store.seqAt(i)} reused`);
  });

  it('names each source once, with its label and a colour per pod', () => {
    const store = new LogStore(10);
    const { lines, sources } = encodeLines([
      line(0, 'web-1'),
      { ts: '1', line: 'no pod', level: 'warn' },
      line(1, 'web-1'),
    ]);
    store.append(lines, sources, 0);
    assert.equal(store.sourceAt(0), store.sourceAt(2));
    assert.deepEqual(store.sourceAt(0), {
      pod: 'web-1',
      container: 'app',
      label: 'web-1/app',
      colour: labelColour('web-1'),
    });
    assert.equal(store.sourceAt(1).label, '');
    assert.equal(store.levelAt(1), 'warn');
    assert.deepEqual(store.at(1), { seq: store.seqAt(1), ts: '1', line: 'no pod', level: 'warn' });
  });

  it('agrees with a plain array through a long random mix of appends, history, resizes and clears', () => {
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const store = new LogStore(20);
    let model: string[] = [];
    let next = 1_000_000;
    let oldest = 1_000_000;
    const make = (i: number) => ({
      ts: String(i),
      line: `${i} ${random(4) === 0 ? '' : 'z'.repeat(random(3) === 0 ? random(3000) : random(200))}`,
      level: 'info' as const,
    });
    for (let step = 0; step < 3000; step++) {
      const op = random(40);
      // Clears are frequent: history only goes in while the buffer has room.
      if (op < 4) {
        store.clear();
        model = [];
        oldest = next;
      } else if (op === 4) {
        store.capacity = 5 + random(40);
        model = model.slice(-store.capacity);
      } else if (op < 14) {
        const older = Array.from({ length: 1 + random(8) }, (_, k) => make(oldest - 8 + k)).slice(-8);
        oldest -= 8;
        const { lines, sources } = encodeLines(older);
        const taken = store.prepend(lines, sources);
        model = [...older.slice(older.length - taken).map((l) => l.line), ...model];
      } else {
        const newer = Array.from({ length: 1 + random(12) }, () => make(next++));
        const { lines, sources } = encodeLines(newer);
        store.append(lines, sources, 0);
        model = [...model, ...newer.map((l) => l.line)].slice(-store.capacity);
      }
      assert.deepEqual(texts(store), model, `step ${step}`);
    }
  });
});
