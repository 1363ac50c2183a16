import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogLine } from '../../../src/observe/model';
import { encodeLines } from '../../../src/protocol/logWire';
import { LogStore } from '../../../webview/logStore';
import { summariseStatus } from '../../../webview/status';
import { VisibleLines } from '../../../webview/visibleLines';

const line = (i: number): LogLine => ({
  ts: String(1_700_000_000_000_000_000n + BigInt(i)),
  line: `line ${i}`,
  pod: `api-${i % 2}`,
  container: 'app',
  level: i % 5 === 0 ? 'error' : 'info',
});

function append(store: LogStore, lines: VisibleLines, from: number, n: number): number {
  const { lines: tuples, sources } = encodeLines(Array.from({ length: n }, (_, i) => line(from + i)));
  return lines.appended(n, store.append(tuples, sources, 0));
}

const shown = (store: LogStore, lines: VisibleLines): string[] =>
  Array.from({ length: lines.size }, (_, i) => store.textAt(lines.storeIndex(i)));

describe('the lines the panel shows (levels and pod filter the buffer, not the stream)', () => {
  it('shows every line without a filter, and only the chosen level once one is ticked, from the lines already loaded', () => {
    const store = new LogStore(100);
    const lines = new VisibleLines(store);
    append(store, lines, 0, 20);
    assert.equal(lines.size, 20);
    lines.setFilter(['error'], '');
    assert.deepEqual(shown(store, lines), ['line 0', 'line 5', 'line 10', 'line 15']);
    append(store, lines, 20, 6);
    assert.deepEqual(shown(store, lines).slice(-2), ['line 20', 'line 25']);
    lines.setFilter([], '');
    assert.equal(lines.size, 26, 'unticking brings every line back: nothing was thrown away');
  });

  it('filters by pod, and counts the shown lines that eviction took', () => {
    const store = new LogStore(10);
    const lines = new VisibleLines(store);
    lines.setFilter([], 'api-1');
    append(store, lines, 0, 10);
    assert.deepEqual(shown(store, lines), ['line 1', 'line 3', 'line 5', 'line 7', 'line 9']);
    assert.equal(append(store, lines, 10, 4), 2, 'lines 1 and 3 went');
    assert.deepEqual(shown(store, lines), ['line 5', 'line 7', 'line 9', 'line 11', 'line 13']);
    assert.equal(lines.indexOfSeq(store.seqAt(store.size - 1)), 4);
    assert.equal(lines.indexOfSeq(store.seqAt(0)), -1, 'line 4 is not shown');
  });
});

describe('the status line', () => {
  it('summarises a long list of pods and leaves short messages alone', () => {
    assert.equal(
      summariseStatus('Loki tail lost. Following 5 pod(s) through the Kubernetes log API: a-1, a-2, a-3, a-4, a-5'),
      'Loki tail lost. Following 5 pod(s) through the Kubernetes log API: a-1, a-2, a-3 and 2 more',
    );
    assert.equal(summariseStatus('Following 2 pod(s): a-1, a-2'), 'Following 2 pod(s): a-1, a-2');
    assert.equal(summariseStatus('live tail'), 'live tail');
  });
});
