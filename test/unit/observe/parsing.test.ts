import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exploreUrl, panelInScope, soloPanelUrl } from '../../../src/observe/grafana';
import { splitTimestamp } from '../../../src/observe/kubeLogs';
import { entriesLimitFrom } from '../../../src/observe/loki/client';
import { compareNs, readStreams, shiftNs, toLogLines } from '../../../src/observe/loki/entries';
import { seriesName } from '../../../src/observe/prometheus';
import { serviceProxyPath } from '../../../src/observe/serviceProxy';

describe('observe parsing helpers', () => {
  it('compares nanosecond strings beyond double precision', () => {
    assert.ok(compareNs('1700000000000000001', '1700000000000000000') > 0);
    assert.ok(compareNs('999', '1000') < 0);
    assert.equal(shiftNs('1700000000000000000', 1), '1700000000000000001');
  });

  it('reads Loki streams, labels lines with pod and container, skips malformed ones', () => {
    const streams = readStreams([
      {
        stream: { pod: 'p', container: 'c' },
        values: [
          ['2', 'b'],
          ['1', 'level=error a'],
        ],
      },
      { stream: {}, values: [[1, 'x']] },
      'junk',
    ]);
    const lines = toLogLines(streams);
    assert.deepEqual(
      lines.map((l) => [l.ts, l.pod, l.container, l.level]),
      [
        ['1', 'p', 'c', 'error'],
        ['2', 'p', 'c', 'unknown'],
      ],
    );
  });

  it("takes the entries limit from Loki's 400", () => {
    assert.equal(
      entriesLimitFrom({
        status: 400,
        message: 'max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)',
      }),
      5000,
    );
    assert.equal(entriesLimitFrom({ status: 400, message: 'parse error' }), undefined);
  });

  it('splits the log API timestamp prefix into nanoseconds', () => {
    assert.deepEqual(splitTimestamp('2025-01-02T03:04:05.123456789Z hello world'), {
      ts: '1735787045123456789',
      line: 'hello world',
    });
    assert.deepEqual(splitTimestamp('2025-01-02T03:04:05Z x'), { ts: '1735787045000000000', line: 'x' });
  });

  it('names series with Grafana legend formats', () => {
    assert.equal(seriesName({ route: '/a', status: '200' }, '{{route}} {{status}}'), '/a 200');
    assert.equal(seriesName({ __name__: 'up', job: 'node' }), 'up{job="node"}');
    assert.equal(
      seriesName({ job: 'node' }, '{{job}} {{constructor}}'),
      'node ',
      'a label the series lacks is empty, whatever its name',
    );
  });

  it('builds d-solo and Explore URLs with theme and range', () => {
    const url = new URL(
      soloPanelUrl('http://127.0.0.1:1/t/tok', { dashboardUid: 'starter-node-api', panelId: 2 }, 'dark', {
        from: 'now-6h',
        to: 'now',
      }),
    );
    assert.equal(url.pathname, '/t/tok/d-solo/starter-node-api/');
    assert.equal(url.searchParams.get('theme'), 'dark');
    assert.equal(url.searchParams.get('panelId'), '2');
    assert.equal(url.searchParams.get('from'), 'now-6h');
    assert.match(
      decodeURIComponent(exploreUrl('http://g', '{a="b"}', { from: 'now-1h', to: 'now' })),
      /"expr":"\{a=\\"b\\"\}"/,
    );
  });

  it("keeps a workload's panels by tag or by its app label in PromQL", () => {
    const panel = {
      dashboardUid: 'u',
      dashboardTitle: 'U',
      panelId: 1,
      title: 't',
      exprs: ['rate(x{app="node-api"}[5m])'],
    };
    const dash = { uid: 'u', title: 'U', tags: [], url: '' };
    assert.ok(panelInScope(panel, dash, { namespace: 's', workload: 'node-api' }));
    assert.ok(!panelInScope(panel, dash, { namespace: 's', workload: 'fastapi' }));
    assert.ok(panelInScope(panel, { ...dash, tags: ['fastapi'] }, { namespace: 's', workload: 'fastapi' }));
  });

  it('builds the service proxy path', () => {
    assert.equal(
      serviceProxyPath({ namespace: 'starter', name: 'loki', port: 3100 }),
      '/api/v1/namespaces/starter/services/loki:3100/proxy',
    );
  });
});
