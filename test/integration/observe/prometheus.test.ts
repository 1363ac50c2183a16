import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { PrometheusClient } from '../../../src/observe/prometheus';
import { freePort, startRealPrometheus, type RealPrometheus } from './realPrometheus';

// Real Prometheus 2.x and node-exporter from Debian, started here on loopback (.ci/run installs them).
describe('Prometheus client against a real Prometheus + node-exporter', () => {
  let prom: RealPrometheus;
  before(async () => {
    prom = await startRealPrometheus();
  });
  after(() => prom?.stop());

  it('draws a range query as numeric series named by the legend format', async () => {
    const client = new PrometheusClient(urlEndpoint(prom.url));
    const end = Date.now() / 1000;
    const series = await client.queryRange(
      { expr: 'sum by (app) (rate(node_cpu_seconds_total[10s]))', start: end - 60, end, step: 1 },
      '{{app}}',
    );
    assert.ok(series.ok, series.ok ? '' : series.error.message);
    assert.equal(series.value.length, 1);
    assert.equal(series.value[0]!.name, 'node-exporter');
    assert.ok(series.value[0]!.times.length >= 1);
    assert.equal(series.value[0]!.times.length, series.value[0]!.values.length);
    assert.ok(series.value[0]!.values.every((v) => v === null || (typeof v === 'number' && v >= 0)));
  });

  it('returns the server sentence for a bad PromQL', async () => {
    const client = new PrometheusClient(urlEndpoint(prom.url));
    const end = Date.now() / 1000;
    const answer = await client.queryRange({ expr: 'sum(', start: end - 60, end });
    assert.ok(!answer.ok);
    assert.equal(answer.error.status, 400);
    assert.match(answer.error.message, /parse error/);
  });

  it('reports Prometheus down as a failure, not an exception', async () => {
    const client = new PrometheusClient(urlEndpoint(`http://127.0.0.1:${await freePort()}`));
    const answer = await client.queryRange({ expr: 'up', start: 0, end: 60 });
    assert.ok(!answer.ok);
    assert.equal(answer.error.status, 0);
    assert.match(answer.error.message, /ECONNREFUSED/);
  });
});
