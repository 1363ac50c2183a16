// The demo cluster's simulated Loki, Grafana and Prometheus — stand-ins, NOT those servers. A pod that runs the
// `grafana/loki`, `grafana/grafana` or `prom/prometheus` image is answered by the matching stand-in on its container
// port (3100, 3000, 9090), through the service proxy and port-forward, like a real pod once it is Ready:
// routing.ts asks `routeFor` only after the Service has ready endpoints. Routes registered with
// sim.routeService() win (tests put their own backends there).
import { type SimContext, type ServiceRoute } from '../context';
import { type KObject } from '../store';
import { startGrafanaStandin } from './grafana';
import { startLokiStandin } from './loki';
import { collectPodLogs, imagePattern } from './podLogs';
import { rangeSeries, startSimulatedPrometheus } from './prometheus';
import { parsePromQL } from './promql';
import { simulatedSeries } from './series';

export interface DemoBackends {
  /** The stand-in that answers this container port of this pod, if it runs one of the images above. */
  routeFor(pod: KObject, containerPort: number): ServiceRoute | undefined;
  close(): Promise<void>;
}

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
/** Enough for an hour of the demo stack's lines at the demo's speed. */
const LOKI_RETAIN = 200_000;

export async function startDemoBackends(ctx: SimContext): Promise<DemoBackends> {
  const loki = await startLokiStandin({ retainEntries: LOKI_RETAIN });
  // Started when Loki is first reached (history reaches back an hour anyway): an idle simulator scans no pods.
  let stopCollector: (() => void) | undefined;
  const series = simulatedSeries(ctx);
  // The Grafana panels draw the same simulated series, about 60 points over their time range.
  const query = (expr: string, from: number, to: number) => {
    try {
      const expression = parsePromQL(expr);
      let found = rangeSeries(expression, series, from, to, Math.max(1000, (to - from) / 60));
      // Pods of a fresh demo are minutes old: draw their last minutes rather than one point of the hour.
      if (Math.max(0, ...found.map((s) => s.points.length)) < 10)
        found = rangeSeries(expression, series, Math.max(from, to - 5 * 60_000), to, 5000);
      return found.map((s) => ({
        name: Object.values(s.labels).join(' ') || expr,
        points: s.points,
      }));
    } catch {
      return []; // a query the simulated Prometheus does not understand draws nothing
    }
  };
  const [grafana, prometheus] = await Promise.all([startGrafanaStandin({ query }), startSimulatedPrometheus(series)]);
  const table = [
    { image: imagePattern('grafana/loki'), port: 3100, url: loki.url },
    { image: imagePattern('grafana/grafana'), port: 3000, url: grafana.url },
    { image: imagePattern('prom/prometheus'), port: 9090, url: prometheus.url },
  ].map((b) => ({ ...b, route: { host: '127.0.0.1', port: Number(new URL(b.url).port) } }));
  return {
    routeFor: (pod, containerPort) => {
      const images = arr(o(pod.spec).containers)
        .filter((c) => arr(c.ports).some((p) => Number(p.containerPort) === containerPort))
        .map((c) => String(c.image));
      const found = table.find((b) => b.port === containerPort && images.some((i) => b.image.test(i)));
      if (found?.url === loki.url) stopCollector ??= collectPodLogs(ctx, (entries) => loki.append(entries));
      return found?.route;
    },
    close: async () => {
      stopCollector?.();
      await Promise.all([loki.close(), grafana.close(), prometheus.close()]);
    },
  };
}
