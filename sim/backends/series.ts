// The series the simulated Prometheus answers with, derived from the simulator's own pods — SIMULATED numbers,
// not measurements. As the stack's scrape config does, it takes Running pods annotated prometheus.io/scrape=true
// in a namespace where a Prometheus pod runs, labelled namespace, pod, container and app.
// - process_cpu_seconds_total (counter): the container's CPU request × its workload's utilisation as the HPA
//   controller reads it (sim.setCpuLoad() plus the running load tests' share, controllers/load.ts), or a gentle wave
//   around 15–35% while nothing set one.
// - process_resident_memory_bytes (gauge): 50–70% of the memory request (128Mi when none), slowly drifting.
// - http_requests_total{route,status} and http_request_duration_seconds_bucket{le,route} (counters): the request
//   rate and mix the pod's simulated access log has (logs-content.ts: one request a line, same routes and
//   statuses, latency uniform over 2–82 ms), so the charts agree with the logs.
// - process_start_time_seconds (gauge): the container's start; changes() counts its restarts if the current
//   instance started inside the window.
// Simplified: no history beyond the pods that exist now (a deleted pod's series vanish); rates are instantaneous.
import { type SimContext } from '../context';
import { cpuUtilisation } from '../controllers/load';
import { R, isPodReady } from '../controllers/util';
import { findByKind } from '../resources';
import { logInterval } from '../logs';
import { appKind, PATHS } from '../logs-content';
import { type KObject, meta } from '../store';
import { type Labels } from './logql';
import { type Sample, type SeriesSample, type SeriesSource } from './promql';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, d = ''): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : d);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const podType = findByKind('v1', 'Pod')!;

const BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
/** The access log's latency is uniform over 2–82 ms: the share of requests at or under `le` seconds. */
const underLatency = (le: string): number =>
  le === '+Inf' ? 1 : Math.min(1, Math.max(0, (Number(le) * 1000 - 2) / 80));

/** Kubernetes quantities as numbers: 100m → 0.1, 128Mi → 134217728. */
export function quantity(text: unknown, fallback: number): number {
  const match = /^([0-9.]+)(m|Ki|Mi|Gi|k|M|G)?$/.exec(str(text));
  if (!match) return fallback;
  const scale: Record<string, number> = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 };
  return Number(match[1]) * (match[2] ? (scale[match[2]] ?? 1) : 1);
}

/** A smooth per-pod wave in [0, 1]: charts move, and two pods differ. */
function wave(seed: string, at: number, periodMs: number): number {
  let phase = 0;
  for (const c of seed) phase = (phase * 31 + c.charCodeAt(0)) % 997;
  return 0.5 + 0.5 * Math.sin((2 * Math.PI * at) / periodMs + phase);
}

interface Target {
  labels: Labels;
  pod: KObject;
  container: Obj;
  startedAt: number;
  restarts: number;
}

/** The containers Prometheus scrapes at `at`: as the stack's kubernetes-pods job keeps them. */
function targets(ctx: SimContext, at: number): Target[] {
  const out: Target[] = [];
  const scraped = new Set(
    ctx.store
      .view(podType)
      .filter(
        (p) => isPodReady(p) && arr(o(p.spec).containers).some((c) => /(^|\/)prom\/prometheus[:@]?/.test(str(c.image))),
      )
      .map((p) => meta(p).namespace),
  );
  for (const pod of ctx.store.view(podType)) {
    const m = meta(pod);
    if (!scraped.has(m.namespace) || o(pod.status).phase !== 'Running') continue;
    if (m.annotations?.['prometheus.io/scrape'] !== 'true') continue;
    for (const status of arr(o(pod.status).containerStatuses)) {
      const startedAt = Date.parse(str(o(o(status.state).running).startedAt));
      if (!(startedAt <= at)) continue;
      const container = arr(o(pod.spec).containers).find((c) => c.name === status.name) ?? {};
      const app = m.labels?.['app.kubernetes.io/name'] ?? m.name ?? '';
      const labels = { namespace: m.namespace ?? '', pod: m.name ?? '', container: str(status.name), app };
      out.push({ labels, pod, container, startedAt, restarts: Number(status.restartCount ?? 0) });
    }
  }
  return out;
}

function cpuRate(ctx: SimContext, t: Target, at: number): number {
  const request = quantity(o(o(t.container.resources).requests).cpu, 0.1);
  const namespace = t.labels.namespace ?? '';
  const app = t.labels.app ?? '';
  const workload = ctx.store.peek(R.deployment, namespace, app) ?? ctx.store.peek(R.statefulSet, namespace, app);
  // What the HPA controller reads (setCpuLoad plus the running load tests' share), once anything set it.
  const measured = workload ? cpuUtilisation(ctx, namespace, workload) : ctx.cpuLoad.get(`${namespace}/${app}`);
  const utilisation = measured !== undefined ? measured / 100 : 0.15 + 0.2 * wave(t.labels.pod ?? '', at, 5 * 60_000);
  return request * utilisation;
}

/** Requests per second of one route and status: the access log's line rate × that mix (logs-content.ts). */
function httpMix(ctx: SimContext, t: Target): Array<{ route: string; status: string; rate: number }> {
  const kind = appKind(str(t.container.image), str(t.container.name));
  const paths = kind === 'postgres' || kind === 'mongo' || kind === 'redis' ? [] : (PATHS[kind] ?? PATHS.web!);
  const perSecond = 1000 / logInterval(ctx);
  const statuses: Array<[string, number, number]> = [
    ['200', 0, 0.9],
    ['404', 0.9, 0.97],
    ['500', 0.97, 1],
  ];
  return paths.flatMap((route, k) =>
    statuses.flatMap(([status, from, to]) => {
      const share = Math.max(0, Math.min(to, (k + 1) / paths.length) - Math.max(from, k / paths.length));
      return share > 0 ? [{ route, status, rate: perSecond * share }] : [];
    }),
  );
}

function metric(ctx: SimContext, name: string, t: Target, at: number): SeriesSample[] {
  const up = (at - t.startedAt) / 1000;
  const counter = (labels: Labels, rate: number): SeriesSample => ({
    labels,
    value: rate,
    counter: true,
    total: rate * up,
  });
  switch (name) {
    case 'process_cpu_seconds_total':
      return [counter(t.labels, cpuRate(ctx, t, at))];
    case 'process_resident_memory_bytes': {
      const request = quantity(o(o(t.container.resources).requests).memory, 128 * 1024 ** 2);
      return [
        { labels: t.labels, value: request * (0.5 + 0.2 * wave(`${t.labels.pod}m`, at, 20 * 60_000)), counter: false },
      ];
    }
    case 'process_start_time_seconds':
      return [{ labels: t.labels, value: t.startedAt / 1000, counter: false }];
    case 'http_requests_total':
      return httpMix(ctx, t).map((h) => counter({ ...t.labels, route: h.route, status: h.status }, h.rate));
    case 'http_request_duration_seconds_bucket': {
      const byRoute = new Map<string, number>();
      for (const h of httpMix(ctx, t)) byRoute.set(h.route, (byRoute.get(h.route) ?? 0) + h.rate);
      return [...byRoute].flatMap(([route, rate]) =>
        BUCKETS.map((le) => counter({ ...t.labels, route, le }, rate * underLatency(le))),
      );
    }
    default:
      return [];
  }
}

/** The simulator's pods as a SeriesSource for the PromQL evaluator. */
export function simulatedSeries(ctx: SimContext): SeriesSource {
  return {
    select: (name, matches, at) =>
      targets(ctx, at)
        .flatMap((t) => metric(ctx, name, t, at))
        .filter((s) => matches(s.labels)),
    changes: (name, matches, at, windowMs): Sample[] =>
      name !== 'process_start_time_seconds'
        ? []
        : targets(ctx, at)
            .filter((t) => matches(t.labels))
            .map((t) => ({ labels: t.labels, value: t.restarts > 0 && at - t.startedAt <= windowMs ? t.restarts : 0 })),
  };
}
