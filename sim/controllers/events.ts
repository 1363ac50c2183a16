// core/v1 Events, as the real components record them (count and lastTimestamp bumped for repeats).
import { type SimContext } from '../context';
import { type ResourceType, groupVersion } from '../resources';
import { type KObject, meta } from '../store';
import { R, modify, nowISO } from './util';

/** Event names grow with time (like the real `<name>.<hex nanos>`), so listing them by name is chronological. */
let sequence = 0;

/**
 * The Event recorded last for each (object uid, reason, message), by name: repeats find it without scanning
 * the namespace's events (the real recorder keeps a similar LRU cache). Checked against the store, since
 * clients may delete events.
 */
const recorded = new WeakMap<SimContext, Map<string, string>>();

function existingEvent(
  ctx: SimContext,
  namespace: string,
  dedupe: string,
  uid: string | undefined,
  reason: string,
  message: string,
): KObject | undefined {
  const name = recorded.get(ctx)?.get(dedupe);
  const e = name === undefined ? undefined : ctx.store.peek(R.event, namespace, name);
  const io = e?.involvedObject as { uid?: string } | undefined;
  return e && io?.uid === uid && e.reason === reason && e.message === message ? e : undefined;
}

export function recordEvent(
  ctx: SimContext,
  r: ResourceType,
  obj: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
  fieldPath?: string,
): void {
  const m = meta(obj);
  const namespace = m.namespace ?? 'default';
  const dedupe = `${namespace}\u0000${m.uid ?? ''}\u0000${reason}\u0000${message}`;
  const existing = existingEvent(ctx, namespace, dedupe, m.uid, reason, message);
  const now = nowISO();
  if (existing) {
    modify(ctx, R.event, namespace, meta(existing).name ?? '', (e) => {
      e.count = (typeof e.count === 'number' ? e.count : 1) + 1;
      e.lastTimestamp = now;
    });
    return;
  }
  const event: KObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${m.name ?? 'object'}.${(Date.now() * 1000 + (sequence++ % 1000)).toString(16)}`, namespace },
    involvedObject: {
      apiVersion: groupVersion(r),
      kind: r.kind,
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason,
    message,
    type,
    count: 1,
    firstTimestamp: now,
    lastTimestamp: now,
    source: {
      component,
      ...(component === 'kubelet' && typeof (obj.spec as { nodeName?: string } | undefined)?.nodeName === 'string'
        ? { host: (obj.spec as { nodeName: string }).nodeName }
        : {}),
    },
    reportingComponent: component,
    reportingInstance: '',
  };
  ctx.store.create(R.event, event);
  let names = recorded.get(ctx);
  if (!names) recorded.set(ctx, (names = new Map<string, string>()));
  names.set(dedupe, meta(event).name ?? '');
}
