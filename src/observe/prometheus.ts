import { own } from '../util/own';
import { err, ok, type Result } from '../util/result';
import { getJson, type Endpoint, type HttpFailure } from './endpoint';
import type { ChartSeries } from './model';

export interface RangeQuery {
  readonly expr: string;
  /** Seconds since the epoch. */
  readonly start: number;
  readonly end: number;
  /** Seconds between points; default: about 240 points over the range. */
  readonly step?: number;
  readonly signal?: AbortSignal;
}

interface MatrixItem {
  metric: Record<string, string>;
  values: [number, string][];
}

/** The legend of a series: Grafana's `{{label}}` format when given, else the labels themselves. */
export function seriesName(metric: Readonly<Record<string, string>>, legendFormat?: string): string {
  if (legendFormat) return legendFormat.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, label: string) => own(metric, label) ?? '');
  const labels = Object.entries(metric).filter(([k]) => k !== '__name__');
  const inner = labels.map(([k, v]) => `${k}="${v}"`).join(', ');
  return `${metric.__name__ ?? ''}{${inner}}`;
}

export function autoStep(start: number, end: number): number {
  return Math.max(1, Math.ceil((end - start) / 240));
}

/** Prometheus' HTTP API: range queries for the native charts. */
export class PrometheusClient {
  constructor(readonly endpoint: Endpoint) {}

  async queryRange(query: RangeQuery, legendFormat?: string): Promise<Result<ChartSeries[], HttpFailure>> {
    const step = query.step ?? autoStep(query.start, query.end);
    const answer = await getJson(
      this.endpoint,
      '/api/v1/query_range',
      { query: query.expr, start: query.start, end: query.end, step },
      query.signal,
    );
    if (!answer.ok) return err({ ...answer.error, message: prometheusError(answer.error.message) });
    const data = (answer.value as { data?: { resultType?: unknown; result?: unknown } }).data;
    if (data?.resultType !== 'matrix' || !Array.isArray(data.result))
      return err({ status: 200, message: 'Prometheus did not answer with a matrix' });
    return ok((data.result as MatrixItem[]).map((item) => toSeries(item, legendFormat)));
  }
}

function toSeries(item: MatrixItem, legendFormat?: string): ChartSeries {
  const times: number[] = [];
  const values: (number | null)[] = [];
  for (const [t, v] of item.values) {
    times.push(t);
    const n = Number(v);
    values.push(Number.isFinite(n) ? n : null);
  }
  return { name: seriesName(item.metric, legendFormat), times, values };
}

/** Prometheus answers errors as JSON `{status:"error", error:"..."}`: show its sentence. */
function prometheusError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : body;
  } catch {
    return body;
  }
}
