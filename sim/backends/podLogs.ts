// What Alloy does in the stack (templates/manifests/loki/60-alloy-config.yaml), simulated: in every namespace where
// an Alloy pod runs, read each running container's log and ship it to Loki labelled namespace, pod, container and
// app. The lines are the ones the simulator's log API serves (logs.ts runningLines), so Loki and `kubectl logs` agree.
// Simplified: shipped on a timer (one log interval) instead of streamed; history starts at most an hour back.
import { type SimContext } from '../context';
import { isPodReady } from '../controllers/util';
import { logInterval, runningLines } from '../logs';
import { findByKind } from '../resources';
import { type KObject, meta } from '../store';
import { type LokiEntry } from './loki';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, d = ''): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : d);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const podType = findByKind('v1', 'Pod')!;
const BACKFILL_MS = 60 * 60 * 1000;

export const runsImage = (pod: KObject, repository: RegExp): boolean =>
  arr(o(pod.spec).containers).some((c) => repository.test(String(c.image)));

/** `grafana/alloy`, with or without a registry in front and a tag or digest behind. */
export const imagePattern = (repository: string): RegExp => new RegExp(`(^|/)${repository}([:@]|$)`);

/** Ships new lines every interval; returns a stop function. `ship` gets each round's entries in time order. */
export function collectPodLogs(ctx: SimContext, ship: (entries: LokiEntry[]) => void): () => void {
  const shipped = new Map<string, number>(); // container instance → time of the last line shipped
  const alloy = imagePattern('grafana/alloy');
  const round = () => {
    const now = Date.now();
    const namespaces = new Set(
      ctx.store
        .view(podType)
        .filter((p) => isPodReady(p) && runsImage(p, alloy))
        .map((p) => meta(p).namespace),
    );
    const entries: LokiEntry[] = [];
    for (const ns of namespaces)
      for (const pod of ctx.store.view(podType, ns)) entries.push(...podEntries(ctx, pod, now, shipped));
    entries.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    if (entries.length > 0) ship(entries);
  };
  const timer = setInterval(round, Math.max(250, logInterval(ctx)));
  ctx.timers.add(timer);
  round();
  return () => {
    clearInterval(timer);
    ctx.timers.delete(timer);
  };
}

function podEntries(ctx: SimContext, pod: KObject, now: number, shipped: Map<string, number>): LokiEntry[] {
  const m = meta(pod);
  const out: LokiEntry[] = [];
  for (const status of arr(o(pod.status).containerStatuses)) {
    const startedAt = Date.parse(str(o(o(status.state).running).startedAt));
    if (!Number.isFinite(startedAt)) continue;
    const container = str(status.name);
    const restartCount = str(status.restartCount, '0');
    const key = `${m.uid ?? ''}/${container}/${restartCount}`;
    const from = (shipped.get(key) ?? Math.max(startedAt, now - BACKFILL_MS) - 1) + 1;
    const image = str(arr(o(pod.spec).containers).find((c) => c.name === container)?.image);
    const lines = runningLines(ctx, { uid: m.uid ?? '', container, image, restartCount, startedAt }, from, now);
    if (lines.length === 0) continue;
    shipped.set(key, lines[lines.length - 1]!.t.getTime());
    const labels = {
      namespace: m.namespace ?? '',
      pod: m.name ?? '',
      container,
      app: m.labels?.['app.kubernetes.io/name'] ?? '',
    };
    for (const l of lines) out.push({ labels, ts: BigInt(l.t.getTime()) * 1_000_000n, line: l.text });
  }
  return out;
}
