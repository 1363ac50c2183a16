// GET /api/v1/namespaces/NS/pods/NAME/log — container logs with the real query options:
// container, follow (chunked stream until the container stops or the client leaves), tailLines,
// sinceSeconds / sinceTime, timestamps, previous, limitBytes. Lines come from logs-content.ts at one
// line per LOG_INTERVAL_MS (scaled) since the container started, and errors use the kubelet's messages.
// A k6 load-test container (controllers/load.ts) prints k6's output instead (k6Logs.ts), and its log stays
// readable once it has completed, as a terminated container's does.
import { type SimContext } from './context';
import { flag } from './http-util';
import { isLoadPod, loadProfile } from './controllers/load';
import { k6Lines, k6LinesAt, k6Summary } from './k6Logs';
import { type AppKind, appKind, crashLine, logLine } from './logs-content';
import { type ResourceHandler } from './router';
import { errors } from './status';
import { meta } from './store';

/** A busy service logs about a request a second. */
const LOG_INTERVAL_MS = 1000;

type Obj = Record<string, unknown>;
const s = (v: unknown, d = ''): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : d);
const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

export interface Line {
  t: Date;
  text: string;
}

/** Milliseconds between two log lines of one container: a line per LOG_INTERVAL_MS, scaled, never below 20 ms. */
export function logInterval(ctx: SimContext): number {
  return Math.max(20, LOG_INTERVAL_MS * ctx.timeScale);
}

/**
 * The lines a running container instance has logged between two times, exactly as the log API serves them
 * (same seed, same clock): the simulated Loki ships these, so Loki and `kubectl logs` agree line for line.
 */
export function runningLines(
  ctx: SimContext,
  pod: { uid: string; container: string; image: string; restartCount: string; startedAt: number },
  from: number,
  to: number,
): Line[] {
  const interval = logInterval(ctx);
  const kind = appKind(pod.image, pod.container);
  const seed = `${pod.uid}/${pod.container}/${pod.restartCount}`;
  const out: Line[] = [];
  for (let i = Math.max(0, Math.ceil((from - pod.startedAt) / interval)); pod.startedAt + i * interval <= to; i++) {
    const t = new Date(pod.startedAt + i * interval);
    out.push({ t, text: logLine(kind, seed, i, t) });
  }
  return out;
}

function linesBetween(
  kind: AppKind,
  seed: string,
  from: number,
  to: number,
  interval: number,
  crashed: boolean,
): Line[] {
  const out: Line[] = [];
  for (let i = 0, t = from; t <= to; i++, t += interval)
    out.push({ t: new Date(t), text: logLine(kind, seed, i, new Date(t)) });
  if (crashed) out.push({ t: new Date(to), text: crashLine(kind, new Date(to)) });
  return out;
}

export const handleLogs: ResourceHandler = (ctx, req, res, rr, params) => {
  if ((req.method ?? 'GET') !== 'GET') throw errors.methodNotAllowed();
  const pod = ctx.store.peek(rr.resource, rr.namespace, rr.name ?? '');
  if (!pod) throw errors.notFound('pods', '', rr.name ?? '');
  const m = meta(pod);
  const containers = (Array.isArray(o(pod.spec).containers) ? (o(pod.spec).containers as Obj[]) : []).map((c) => ({
    name: String(c.name),
    image: String(c.image),
  }));
  let name = params.get('container');
  if (!name) {
    if (containers.length !== 1)
      throw errors.badRequest(
        `a container name must be specified for pod ${m.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`,
      );
    name = containers[0]!.name;
  }
  const container = containers.find((c) => c.name === name);
  if (!container) throw errors.badRequest(`container ${name} is not valid for pod ${m.name}`);
  const status = (
    Array.isArray(o(pod.status).containerStatuses) ? (o(pod.status).containerStatuses as Obj[]) : []
  ).find((c) => c.name === name);
  const previous = flag(params, 'previous');
  const kind = appKind(container.image, container.name);
  const interval = logInterval(ctx);
  const seed = `${m.uid ?? ''}/${name}/${s(status?.restartCount, '0')}`;
  const k6 = isLoadPod(pod) ? loadProfile(pod) : undefined;

  let lines: Line[];
  let liveFrom: number | undefined;
  if (previous) {
    const term = o(o(status?.lastState).terminated);
    if (!term.startedAt)
      throw errors.badRequest(`previous terminated container "${name}" in pod "${m.name}" not found`);
    lines = linesBetween(
      kind,
      `${seed}-prev`,
      Date.parse(s(term.startedAt)),
      Date.parse(s(term.finishedAt, s(term.startedAt))),
      interval,
      true,
    );
  } else if (k6 && o(o(status?.state).terminated).startedAt) {
    const term = o(o(status?.state).terminated);
    const end = Date.parse(s(term.finishedAt, s(term.startedAt)));
    lines = k6Lines(k6, seed, Date.parse(s(term.startedAt)), end, interval, true);
  } else {
    const running = o(o(status?.state).running);
    if (!running.startedAt) {
      const waiting = o(o(status?.state).waiting);
      throw errors.badRequest(
        `container "${name}" in pod "${m.name}" is waiting to start: ${s(waiting.reason, 'ContainerCreating')}`,
      );
    }
    liveFrom = Date.parse(s(running.startedAt));
    lines = k6
      ? k6Lines(k6, seed, liveFrom, Date.now(), interval, false)
      : linesBetween(kind, seed, liveFrom, Date.now(), interval, false);
  }

  const since = params.get('sinceSeconds')
    ? Date.now() - Number(params.get('sinceSeconds')) * 1000
    : params.get('sinceTime')
      ? Date.parse(params.get('sinceTime')!)
      : undefined;
  if (since !== undefined) lines = lines.filter((l) => l.t.getTime() >= since);
  const tail = params.get('tailLines');
  if (tail !== null && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  const timestamps = flag(params, 'timestamps');
  const fmt = (l: Line) => `${timestamps ? l.t.toISOString().replace('Z', '000000Z') + ' ' : ''}${l.text}\n`;
  let text = lines.map(fmt).join('');
  const limit = Number(params.get('limitBytes') ?? 0);
  if (limit > 0) text = text.slice(0, limit);

  if (!flag(params, 'follow') || previous || liveFrom === undefined) {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.write(text);
  const start = liveFrom;
  let next = Math.floor((Date.now() - start) / interval) + 1;
  const timer = setInterval(() => {
    const live = ctx.store.peek(rr.resource, rr.namespace, rr.name ?? '');
    const cs = (
      Array.isArray(o(live?.status).containerStatuses) ? (o(live?.status).containerStatuses as Obj[]) : []
    ).find((c) => c.name === name);
    // The stream ends when the pod is gone or this container instance stopped, like the kubelet's.
    if (!live || meta(live).uid !== m.uid || s(cs?.restartCount, '0') !== s(status?.restartCount, '0')) return stop();
    while (start + next * interval <= Date.now()) {
      const t = new Date(start + next * interval);
      if (k6) for (const line of k6LinesAt(k6, next, t, interval)) res.write(fmt(line));
      else res.write(fmt({ t, text: logLine(kind, seed, next, t) }));
      next++;
    }
    if (k6 && o(o(cs?.state).terminated).startedAt) {
      for (const text of k6Summary(k6, seed)) res.write(fmt({ t: new Date(), text }));
      stop();
    }
  }, interval);
  ctx.timers.add(timer);
  const stop = () => {
    clearInterval(timer);
    ctx.timers.delete(timer);
    if (!res.writableEnded) res.end();
  };
  ctx.watches.add(stop);
  req.on('close', () => {
    ctx.watches.delete(stop);
    stop();
  });
};
