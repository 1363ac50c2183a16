import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFromWebview, validateToWebview } from '../../../webview/protocol';

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

  it('checks what the host sends as well', () => {
    const line = { ts: '1700000000000000001', line: 'x', pod: 'p', container: 'c', level: 'info' };
    assert.ok(validateToWebview({ type: 'logs/append', lines: [line], dropped: 0 }).ok);
    assert.ok(validateToWebview({ type: 'panels/set', views: [{ kind: 'chart', key: 'k', panel: { dashboardUid: 'u', dashboardTitle: 'U', panelId: 1, title: 't', exprs: ['up'] }, reason: 'no grafana' }] }).ok);
    assert.ok(!validateToWebview({ type: 'logs/append', lines: [{ ...line, ts: 1 }], dropped: 0 }).ok);
    assert.ok(!validateToWebview({ type: 'panels/set', views: [{ kind: 'html', key: 'k' }] }).ok);
    assert.ok(!validateToWebview({ type: 'chart/data', key: 'k', series: [{ name: 'a', times: [1], values: ['1'] }], error: null }).ok);
  });
});
