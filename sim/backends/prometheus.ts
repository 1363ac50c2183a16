// Simulated Prometheus — a stand-in, NOT Prometheus. The demo cluster serves it behind a `prom/prometheus` pod's
// Service so the panel's charts have data; its series are derived from the simulator's own pods (series.ts) and
// its build info says it is simulated. It answers the parts of Prometheus' HTTP API the panel uses, in their
// documented shapes (prometheus.io/docs/prometheus/latest/querying/api): GET or POST /api/v1/query and
// /api/v1/query_range (errors as {status:"error", errorType, error} with 400), /api/v1/status/buildinfo,
// /-/ready and /-/healthy. Why not the real Prometheus (Debian's package is on some machines): it would need
// pods to scrape; the simulator has none, and `npm start` should stay light and work where it is not installed.
import http from 'node:http';
import { listenLocal } from './listen';
import { evaluate, parsePromQL, type Expr, type Sample, type SeriesSource } from './promql';

export interface SimulatedPrometheus {
  readonly url: string;
  close(): Promise<void>;
}

const BUILD_INFO = {
  version: '2.54.1-simulated (starter-sim stand-in, not Prometheus)',
  revision: 'simulated',
  branch: '',
  buildUser: 'starter-sim',
  buildDate: '',
  goVersion: '',
};
/** Prometheus refuses more than 11,000 points per series. */
const MAX_POINTS = 11_000;

class BadData extends Error {}

/** Prometheus takes RFC 3339 or Unix seconds (with fractions). */
function time(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw new BadData(`invalid parameter "time": cannot parse "${value}" to a valid timestamp`);
  return ms;
}

function duration(value: string | null): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value ?? '');
  const unit: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 };
  const ms = match ? Number(match[1]) * (unit[match[2] ?? 's'] ?? 1e3) : NaN;
  if (!(ms > 0))
    throw new BadData('invalid parameter "step": zero or negative query resolution step widths are not accepted');
  return ms;
}

const formatValue = (v: number): string => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

function parse(query: string | null) {
  try {
    return parsePromQL(query ?? '');
  } catch (e) {
    throw new BadData(`invalid parameter "query": 1:1: ${(e as Error).message}`);
  }
}

function instant(params: URLSearchParams, source: SeriesSource): unknown {
  const at = time(params.get('time'), Date.now());
  const result = evaluate(parse(params.get('query')), source, at).map((s) => ({
    metric: s.labels,
    value: [at / 1000, formatValue(s.value)],
  }));
  return { resultType: 'vector', result };
}

function range(params: URLSearchParams, source: SeriesSource): unknown {
  const start = time(params.get('start'), NaN);
  const end = time(params.get('end'), NaN);
  const step = duration(params.get('step'));
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new BadData('invalid parameter "start" or "end"');
  if (end < start) throw new BadData('invalid parameter "end": end timestamp must not be before start time');
  if ((end - start) / step > MAX_POINTS)
    throw new BadData(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  const result = rangeSeries(parse(params.get('query')), source, start, end, step).map((s) => ({
    metric: s.labels,
    values: s.points.map(([at, v]) => [at / 1000, formatValue(v)]),
  }));
  return { resultType: 'matrix', result };
}

/** An expression evaluated at every step from start to end (ms): one series per label set. */
export function rangeSeries(
  expr: Expr,
  source: SeriesSource,
  start: number,
  end: number,
  step: number,
): Array<{ labels: Sample['labels']; points: Array<[number, number]> }> {
  const series = new Map<string, { labels: Sample['labels']; points: Array<[number, number]> }>();
  for (let at = start; at <= end; at += step)
    for (const s of evaluate(expr, source, at)) {
      const key = JSON.stringify(Object.entries(s.labels).sort());
      const entry = series.get(key) ?? { labels: s.labels, points: [] };
      series.set(key, entry);
      entry.points.push([at, s.value]);
    }
  return [...series.values()];
}

function answer(res: http.ServerResponse, path: string, params: URLSearchParams, source: SeriesSource): void {
  const json = (status: number, body: unknown) =>
    void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (path === '/-/ready') return void res.writeHead(200).end('Prometheus Server is Ready.\n');
  if (path === '/-/healthy') return void res.writeHead(200).end('Prometheus Server is Healthy.\n');
  if (path === '/api/v1/status/buildinfo') return json(200, { status: 'success', data: BUILD_INFO });
  const run = path === '/api/v1/query' ? instant : path === '/api/v1/query_range' ? range : undefined;
  if (!run) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
  try {
    json(200, { status: 'success', data: run(params, source) });
  } catch (e) {
    const bad = e instanceof BadData;
    json(bad ? 400 : 422, { status: 'error', errorType: bad ? 'bad_data' : 'execution', error: (e as Error).message });
  }
}

/** Starts the simulated Prometheus on 127.0.0.1 over a series source. */
export async function startSimulatedPrometheus(source: SeriesSource): Promise<SimulatedPrometheus> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://prometheus');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // POST carries the parameters as a form body, as Grafana sends them.
      const form = new URLSearchParams(req.method === 'POST' ? Buffer.concat(chunks).toString('utf8') : '');
      for (const [k, v] of url.searchParams) form.append(k, v);
      answer(res, url.pathname, form, source);
    });
  });
  const { url, close } = await listenLocal(server);
  return {
    url,
    close,
  };
}
