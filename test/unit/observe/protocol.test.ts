import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogLine } from '../../../src/observe/model';
import { decodeLines, encodeLines } from '../../../src/protocol/logWire';
import {
  validateFromWebview,
  validatePanelState,
  validateToWebview,
  type LogBatch,
} from '../../../src/protocol/protocol';

const filter = { text: '', regex: false, levels: [] };
const range = { from: 'now-1h', to: 'now' };

describe('webview protocol validation', () => {
  it('accepts every well-formed message from the webview', () => {
    const messages = [
      { type: 'ready', state: null },
      { type: 'ready', state: { scope: { namespace: 'n' }, query: '{a="b"}', filter, selectedPanels: ['u/1'], range } },
      { type: 'logs/query', query: '{a="b"}', filter: { text: 'x', regex: true, levels: ['error'] }, raw: false },
      { type: 'logs/pause' },
      { type: 'logs/resume' },
      { type: 'logs/older', before: '1700000000000000000' },
      { type: 'panels/select', keys: ['u/1'], range },
      { type: 'chart/query', key: 'u/1', exprs: ['up'], range },
      { type: 'copy', text: 'line' },
      { type: 'openExplore', query: '{a="b"}', range },
      { type: 'log', level: 'warn', message: 'x' },
    ];
    for (const m of messages) assert.deepEqual(validateFromWebview(m), { ok: true, message: m }, JSON.stringify(m));
  });

  it('refuses malformed messages with a reason naming the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /type/],
      ['ready', /type/],
      [{ type: 'nope' }, /unknown message type "nope"/],
      [{ type: 'logs/query', query: 1, filter, raw: false }, /message\.query: expected a string/],
      [{ type: 'logs/query', query: 'q', filter: { ...filter, levels: ['loud'] }, raw: false }, /levels\[0\]/],
      [{ type: 'logs/older', before: '12; drop' }, /before/],
      [{ type: 'copy', text: 'x'.repeat(1_000_001) }, /longer than/],
      [{ type: 'panels/select', keys: 'u/1', range }, /keys: expected an array/],
    ];
    for (const [m, reason] of cases) {
      const result = validateFromWebview(m);
      assert.equal(result.ok, false, JSON.stringify(m)?.slice(0, 80));
      if (!result.ok) assert.match(result.reason, reason);
    }
  });

  it('checks restored panel state on its own (it comes back from disk after a reload)', () => {
    const state = {
      scope: { namespace: 'starter', workload: 'api' },
      query: '{app="api"}',
      filter,
      selectedPanels: [],
      range,
    };
    assert.deepEqual(validatePanelState(state), { ok: true, message: state });
    assert.deepEqual(validatePanelState({ ...state, scope: { namespace: 7 } }), {
      ok: false,
      reason: 'state.scope.namespace: expected a string',
    });
    assert.equal(validatePanelState(undefined).ok, false);
  });

  it("checks the load test's figures: states, nullable values, columns that line up", () => {
    const series = { times: [1, 6], rps: [40, null], p95Ms: [12.5, 14], errorRate: [0, null], summary: null };
    const view = { state: 'running', message: 'k6 Job load-api sends to Service api.', job: 'load-api', series };
    assert.deepEqual(validateToWebview({ type: 'load/data', view }), {
      ok: true,
      message: { type: 'load/data', view },
    });
    const none = {
      state: 'none',
      message: 'No load test.',
      job: null,
      series: { ...series, times: [], rps: [], p95Ms: [], errorRate: [] },
    };
    assert.ok(validateToWebview({ type: 'load/data', view: none }).ok);
    const summary = { requests: 10, rps: 2, p95Ms: 3, errorRate: 0 };
    assert.ok(
      validateToWebview({ type: 'load/data', view: { ...view, state: 'succeeded', series: { ...series, summary } } })
        .ok,
    );
    const cases: Array<[unknown, RegExp]> = [
      [{ ...view, state: 'exploded' }, /state: expected one of/],
      [{ ...view, series: { ...series, rps: [40] } }, /columns of different lengths/],
      [{ ...view, series: { ...series, p95Ms: ['12', 14] } }, /p95Ms\[0\]: expected a finite number/],
      [{ ...view, series: { ...series, summary: { ...summary, rps: Infinity } } }, /summary\.rps/],
      [{ ...view, job: 7 }, /job: expected a string/],
    ];
    for (const [bad, reason] of cases) {
      const result = validateToWebview({ type: 'load/data', view: bad });
      assert.equal(result.ok, false, JSON.stringify(bad));
      if (!result.ok) assert.match(result.reason, reason);
    }
  });

  it('checks what the host sends as well', () => {
    const batch = encodeLines([{ ts: '1700000000000000001', line: 'x', pod: 'p', container: 'c', level: 'info' }]);
    assert.ok(validateToWebview({ type: 'logs/append', ...batch, dropped: 0 }).ok);
    assert.ok(
      validateToWebview({
        type: 'panels/set',
        views: [
          {
            kind: 'chart',
            key: 'k',
            panel: { dashboardUid: 'u', dashboardTitle: 'U', panelId: 1, title: 't', exprs: ['up'] },
            reason: 'no grafana',
          },
        ],
      }).ok,
    );
    assert.ok(
      !validateToWebview({ type: 'logs/append', sources: batch.sources, lines: [[1, 'x', 0, 2]], dropped: 0 }).ok,
    );
    assert.ok(!validateToWebview({ type: 'panels/set', views: [{ kind: 'html', key: 'k' }] }).ok);
    assert.ok(
      !validateToWebview({
        type: 'chart/data',
        key: 'k',
        series: [{ name: 'a', times: [1], values: ['1'] }],
        error: null,
      }).ok,
    );
  });
});

describe('log lines on the wire', () => {
  const lines: LogLine[] = [
    { ts: '1700000000000000001', line: 'level=info a', pod: 'api-1', container: 'app', level: 'info' },
    { ts: '1700000000000000002', line: 'level=error b', pod: 'api-2', container: 'app', level: 'error' },
    { ts: '1700000000000000003', line: 'c', pod: 'api-1', container: 'app', level: 'unknown' },
    { ts: '1700000000000000004', line: 'from the log API without a container', level: 'warn' },
  ];

  it('names each pod/container once and comes back as the same lines', () => {
    const batch = encodeLines(lines);
    assert.deepEqual(batch.sources, [
      ['api-1', 'app'],
      ['api-2', 'app'],
      ['', ''],
    ]);
    assert.deepEqual(
      batch.lines.map(([, , source]) => source),
      [0, 1, 0, 2],
    );
    assert.deepEqual(decodeLines(JSON.parse(JSON.stringify(batch)) as LogBatch), lines);
    assert.deepEqual(validateToWebview({ type: 'logs/history', ...batch, more: true }), {
      ok: true,
      message: { type: 'logs/history', ...batch, more: true },
    });
  });

  it('refuses a malformed batch as a whole, naming the first bad element', () => {
    const { lines: good, sources } = encodeLines(lines);
    const cases: Array<[unknown, RegExp]> = [
      [{ lines: good, dropped: 0 }, /message\.sources: expected an array/],
      [{ lines: good, sources: [['api-1']], dropped: 0 }, /message\.sources\[0\]: expected \[pod, container\]/],
      [{ lines: { 0: good[0] }, sources, dropped: 0 }, /message\.lines: expected an array/],
      [
        { lines: [good[0], { ts: '1', line: 'x', level: 'info' }], sources, dropped: 0 },
        /message\.lines\[1\]: expected \[ts, line, source, level\]/,
      ],
      [{ lines: [['17e17', 'x', 0, 0]], sources, dropped: 0 }, /message\.lines\[0\]\[0\]: expected nanoseconds/],
      [{ lines: [['1', 7, 0, 0]], sources, dropped: 0 }, /message\.lines\[0\]\[1\]/],
      [
        { lines: [good[0], ['1', 'x', 3, 0]], sources, dropped: 0 },
        /message\.lines\[1\]\[2\]: expected an index into sources \(3\)/,
      ],
      [{ lines: [['1', 'x', 0, 9]], sources, dropped: 0 }, /message\.lines\[0\]\[3\]: expected a level index/],
      [{ lines: [['1', 'x', 0.5, 0]], sources, dropped: 0 }, /message\.lines\[0\]\[2\]/],
      [{ lines: good, sources }, /message\.dropped: expected a finite number/],
    ];
    for (const [fields, reason] of cases) {
      const result = validateToWebview({ type: 'logs/append', ...(fields as object) });
      assert.equal(result.ok, false, JSON.stringify(fields));
      if (!result.ok) assert.match(result.reason, reason);
    }
  });
});
