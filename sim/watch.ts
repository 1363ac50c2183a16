// Watch streams: chunked JSON lines `{"type":..., "object":...}`.
// Semantics follow the API concepts doc: no resourceVersion (or "0") = synthetic ADDED for the current
// state then changes; a resourceVersion = replay of retained changes after it; one older than the
// retained history or the last compaction (faults.compact()) = a single ERROR event carrying a 410
// Expired Status. Events are filtered per resource type by the store and encoded once per object
// version (shared by every watcher and by LISTs). Bookmarks every
// BOOKMARK_MS (scaled), `sendInitialEvents` ends its initial ADDED burst with the
// `k8s.io/initial-events-end` bookmark, timeoutSeconds ends the stream cleanly.
import { flag, toJSONBytes } from './http-util';
import { groupVersion } from './resources';
import { type ResourceHandler } from './router';
import { selectorMatcher } from './selectors';
import { statusObject } from './status';
import { type KObject, type StoreEvent, meta } from './store';
import { toTable, wantsTable } from './table';

/** Real servers send bookmarks about once a minute; the simulator is quicker (and scaled). */
const BOOKMARK_MS = 5000;
const DEFAULT_TIMEOUT_S = 1800;
const LINE_END = Buffer.from('}\n');

export const handleWatch: ResourceHandler = (ctx, req, res, rr, params) => {
  const r = rr.resource;
  const match = selectorMatcher(params.get('labelSelector'), params.get('fieldSelector'));
  const table = wantsTable(req);
  const inScope = (o: KObject) =>
    (!rr.namespace || meta(o).namespace === rr.namespace) &&
    (rr.name === undefined || meta(o).name === rr.name) &&
    match(o);
  // Like the real watch cache: an object that starts matching the selectors is ADDED for this watcher,
  // one that stops matching is DELETED (its old state, at the new resourceVersion).
  const translate = (e: StoreEvent): StoreEvent | undefined => {
    if (e.resource !== r) return undefined;
    const now = inScope(e.object);
    const before = e.previous ? inScope(e.previous) : now;
    if (e.type !== 'MODIFIED' || now === before) return now ? e : undefined;
    if (now) return { ...e, type: 'ADDED' };
    const gone = structuredClone(e.previous!);
    meta(gone).resourceVersion = meta(e.object).resourceVersion;
    return { ...e, type: 'DELETED', object: gone };
  };

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  const send = (type: string, object: KObject) => {
    if (res.destroyed || res.writableEnded) return;
    const body =
      table && type !== 'ERROR' && type !== 'BOOKMARK'
        ? toTable(r, [object], meta(object).resourceVersion ?? '')
        : object;
    res.write(Buffer.concat([Buffer.from(`{"type":${JSON.stringify(type)},"object":`), toJSONBytes(body), LINE_END]));
  };

  const rvParam = params.get('resourceVersion');
  const fromRV = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
  const past = fromRV === undefined ? undefined : ctx.store.eventsSince(fromRV);
  if (fromRV !== undefined && (ctx.faults.goneOnNextWatch || past === 'gone')) {
    // Like the real watch cache: the stream opens (200) and carries one ERROR event with a 410 Expired
    // Status naming the oldest version still available; client-go and kubectl relist on it.
    ctx.faults.goneOnNextWatch = false;
    send(
      'ERROR',
      statusObject(
        410,
        'Expired',
        `too old resource version: ${fromRV} (${Math.max(ctx.store.oldestResumableRV(), fromRV + 1)})`,
      ),
    );
    res.end();
    return;
  }

  const queue: StoreEvent[] = [];
  let ready = false;
  const onEvent = (e: StoreEvent) => {
    const translated = translate(e);
    if (!translated) return;
    if (ready) send(translated.type, translated.object);
    else queue.push(translated);
  };
  const unsubscribe = ctx.store.subscribe(onEvent, r);

  const bookmark = (extra: Record<string, string> = {}) =>
    send('BOOKMARK', {
      kind: r.kind,
      apiVersion: groupVersion(r),
      metadata: {
        resourceVersion: String(ctx.store.currentRV()),
        ...(Object.keys(extra).length ? { annotations: extra } : {}),
      },
    });

  let lastRV: number;
  if (fromRV === undefined || !Array.isArray(past)) {
    for (const o of ctx.store.view(r, rr.namespace)) if (inScope(o)) send('ADDED', o);
    lastRV = ctx.store.currentRV();
    if (flag(params, 'sendInitialEvents') && flag(params, 'allowWatchBookmarks'))
      bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    lastRV = fromRV;
    for (const e of past) {
      const t = translate(e);
      if (t) send(t.type, t.object);
      lastRV = e.rv;
    }
  }
  for (const e of queue) if (e.rv > lastRV) send(e.type, e.object);
  ready = true;

  const timers: NodeJS.Timeout[] = [];
  if (flag(params, 'allowWatchBookmarks'))
    timers.push(setInterval(() => bookmark(), Math.max(50, BOOKMARK_MS * ctx.timeScale)));
  const timeout = Number(params.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S);
  const close = () => {
    unsubscribe();
    timers.forEach((t) => clearInterval(t));
    ctx.watches.delete(close);
    if (!res.writableEnded) res.end();
  };
  timers.push(setTimeout(close, timeout * 1000));
  ctx.watches.add(close);
  req.on('close', close);
  res.on('close', close);
};
