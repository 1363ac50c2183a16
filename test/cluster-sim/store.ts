// In-memory object storage with one global, increasing resourceVersion (like etcd's revision),
// plus a bounded history of change events so watches can resume from a resourceVersion and
// clients that ask for one older than the history get 410 Gone, as with a compacted etcd.
import { randomUUID } from 'node:crypto';
import { type ResourceType, storeKey } from './resources';

export type KObject = Record<string, unknown>;
export type Meta = {
  name?: string; generateName?: string; namespace?: string; uid?: string; resourceVersion?: string; generation?: number;
  creationTimestamp?: string; deletionTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[]; finalizers?: string[]; managedFields?: unknown[];
};
export interface OwnerReference { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }
export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';
/** `previous` (MODIFIED only) lets watches with selectors turn "stopped matching" into DELETED. */
export interface StoreEvent { rv: number; type: EventType; resource: ResourceType; object: KObject; previous?: KObject }

/** How many change events are kept for watch resumption; older resourceVersions are "compacted". */
const HISTORY_LIMIT = 5000;

export function meta(obj: KObject): Meta {
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  return obj.metadata as Meta;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export class ObjectStore {
  private readonly objects = new Map<string, { resource: ResourceType; object: KObject }>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private rv = 1000; // arbitrary start, so no client assumes small numbers mean anything
  /** Lowest resourceVersion a watch may resume from; bumped to simulate compaction. */
  private compactedBefore = 0;

  currentRV(): number {
    return this.rv;
  }

  get(r: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const entry = this.objects.get(storeKey(r, namespace, name));
    return entry ? clone(entry.object) : undefined;
  }

  list(r: ResourceType, namespace?: string): KObject[] {
    const out: KObject[] = [];
    for (const { resource, object } of this.objects.values()) {
      if (resource !== r) continue;
      if (namespace && meta(object).namespace !== namespace) continue;
      out.push(clone(object));
    }
    return out.sort((a, b) => `${meta(a).namespace ?? ''}/${meta(a).name ?? ''}`.localeCompare(`${meta(b).namespace ?? ''}/${meta(b).name ?? ''}`));
  }

  all(): Array<{ resource: ResourceType; object: KObject }> {
    return [...this.objects.values()].map((e) => ({ resource: e.resource, object: clone(e.object) }));
  }

  /** Stores a new object, stamping the server-owned metadata. The caller has checked it does not exist. */
  create(r: ResourceType, obj: KObject): KObject {
    const m = meta(obj);
    m.uid = randomUUID();
    m.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    // Only objects with a spec carry a generation (ConfigMaps, Secrets ... do not).
    if (obj.spec !== undefined) m.generation = 1;
    else delete m.generation;
    if (!r.namespaced) delete m.namespace;
    m.resourceVersion = String(++this.rv);
    this.objects.set(storeKey(r, m.namespace, m.name ?? ''), { resource: r, object: clone(obj) });
    this.emit('ADDED', r, obj);
    return obj;
  }

  /** Replaces a stored object; bumps generation when anything outside metadata/status changed. */
  update(r: ResourceType, obj: KObject, previous: KObject): KObject {
    const m = meta(obj);
    const pm = meta(previous);
    m.uid = pm.uid;
    m.creationTimestamp = pm.creationTimestamp;
    if (pm.generation !== undefined) m.generation = pm.generation + (specChanged(previous, obj) ? 1 : 0);
    else delete m.generation;
    if (JSON.stringify(withoutRV(obj)) === JSON.stringify(withoutRV(previous))) {
      m.resourceVersion = pm.resourceVersion; // a no-op write changes nothing, as on the real server
      return obj;
    }
    m.resourceVersion = String(++this.rv);
    this.objects.set(storeKey(r, m.namespace, m.name ?? ''), { resource: r, object: clone(obj) });
    this.emit('MODIFIED', r, obj, previous);
    return obj;
  }

  delete(r: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const key = storeKey(r, namespace, name);
    const entry = this.objects.get(key);
    if (!entry) return undefined;
    this.objects.delete(key);
    const obj = clone(entry.object);
    meta(obj).resourceVersion = String(++this.rv);
    this.emit('DELETED', r, obj);
    return obj;
  }

  /** Events after `rv`, or 'gone' when the history no longer reaches back that far. */
  eventsSince(rv: number): StoreEvent[] | 'gone' {
    if (rv < this.compactedBefore) return 'gone';
    const oldest = this.history[0];
    if (oldest && rv < oldest.rv - 1 && this.history.length >= HISTORY_LIMIT) return 'gone';
    return this.history.filter((e) => e.rv > rv);
  }

  /** Pretends etcd compacted everything up to now: any watch resuming from an older version gets 410. */
  compact(): void {
    this.compactedBefore = this.rv;
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(type: EventType, resource: ResourceType, object: KObject, previous?: KObject): void {
    const event: StoreEvent = { rv: this.rv, type, resource, object: clone(object), ...(previous ? { previous: clone(previous) } : {}) };
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    for (const fn of [...this.listeners]) fn(event);
  }
}

function withoutRV(obj: KObject): KObject {
  const c = clone(obj);
  const m = meta(c);
  delete m.resourceVersion;
  return c;
}

/** generation follows the spec (and, for kinds without spec, everything but metadata/status). */
function specChanged(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => JSON.stringify(Object.entries(o).filter(([k]) => k !== 'metadata' && k !== 'status').sort(([x], [y]) => x.localeCompare(y)));
  return strip(a) !== strip(b);
}
