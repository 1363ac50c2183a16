// In-memory object storage with one global, increasing resourceVersion (like etcd's revision),
// plus a bounded history of change events so watches can resume from a resourceVersion and
// clients that ask for one older than the history get 410 Gone, as with a compacted etcd.
// Shaped like the real API server's watch cache so it scales to thousands of objects: objects are
// indexed by resource type and namespace and kept in key order (no scan, clone or sort per LIST),
// stored objects are deep-frozen and shared with readers (`peek`/`view`; a writer clones what it
// changes), and owners are indexed by uid for the garbage collector and the controllers.
import { randomUUID } from 'node:crypto';
import { type ResourceType, storeKey } from './resources';

export type KObject = Record<string, unknown>;
export type Meta = {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
};
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}
export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';
/**
 * `previous` (MODIFIED only) lets watches with selectors turn "stopped matching" into DELETED.
 * Both objects are the stored, frozen ones: listeners read them and clone before changing anything.
 */
export interface StoreEvent {
  rv: number;
  type: EventType;
  resource: ResourceType;
  object: KObject;
  previous?: KObject;
}
export interface StoredObject {
  resource: ResourceType;
  object: KObject;
}

/** How many change events are kept for watch resumption; older resourceVersions are "compacted". */
const HISTORY_LIMIT = 5000;

export function meta(obj: KObject): Meta {
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  return obj.metadata as Meta;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Objects are frozen once stored, so readers can share them; a write stores a fresh copy. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}

/**
 * Equality of the JSON two values serialise to, ignoring key order (the real server compares its canonical
 * encoding, where field order is fixed): undefined members are absent, NaN/Infinity and holes are null.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const x = jsonValue(a);
  const y = jsonValue(b);
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ys = y as unknown[];
    if (x.length !== ys.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i] ?? null, ys[i] ?? null)) return false;
    return true;
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  let members = 0;
  for (const k in xo) {
    if (!present(xo[k])) continue;
    members++;
    if (!present(yo[k]) || !jsonEqual(xo[k], yo[k])) return false;
  }
  for (const k in yo) if (present(yo[k])) members--;
  return members === 0;
}

const present = (v: unknown) => v !== undefined && typeof v !== 'function';
const jsonValue = (v: unknown) =>
  (typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'function' ? null : v;

/** Key order of the real storage (etcd keys `…/namespace/name`), kept sorted as objects come and go. */
const collator = new Intl.Collator();
const byKey = (a: string, b: string) => collator.compare(a, b);

/** Where `key` is or would go in a list sorted by `byKey`. */
function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byKey(list[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: string[], key: string): void {
  list.splice(lowerBound(list, key), 0, key);
}

function removeSorted(list: string[], key: string): void {
  const at = lowerBound(list, key);
  const i = list[at] === key ? at : list.indexOf(key); // the collator may rank distinct keys equal
  if (i >= 0) list.splice(i, 1);
}

/** One resource type: its objects by `namespace/name`, in key order overall and per namespace. */
class TypeIndex {
  readonly objects = new Map<string, KObject>();
  readonly ordered: string[] = [];
  readonly byNamespace = new Map<string, string[]>();

  add(key: string, namespace: string): void {
    insertSorted(this.ordered, key);
    let list = this.byNamespace.get(namespace);
    if (!list) this.byNamespace.set(namespace, (list = []));
    insertSorted(list, key);
  }

  remove(key: string, namespace: string): void {
    this.objects.delete(key);
    removeSorted(this.ordered, key);
    const list = this.byNamespace.get(namespace);
    if (!list) return;
    removeSorted(list, key);
    if (list.length === 0) this.byNamespace.delete(namespace);
  }
}

const nsNameKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;
const ownerUids = (obj: KObject | undefined): string[] =>
  obj ? (meta(obj).ownerReferences ?? []).map((o) => o.uid) : [];

export class ObjectStore {
  /** Every object by storage key, in insertion order (what `all()` returns). */
  private readonly objects = new Map<string, StoredObject>();
  private readonly types = new Map<ResourceType, TypeIndex>();
  /** Storage keys of the objects naming a uid in their ownerReferences (the garbage collector's graph). */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly uids = new Set<string>();
  /** Change events in resourceVersion order; `history[historyStart]` is the oldest one still kept. */
  private history: StoreEvent[] = [];
  private historyStart = 0;
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly typeListeners = new Map<ResourceType, Set<(e: StoreEvent) => void>>();
  private rv = 1000; // arbitrary start, so no client assumes small numbers mean anything
  /** Lowest resourceVersion a watch may resume from; bumped to simulate compaction. */
  private compactedBefore = 0;

  currentRV(): number {
    return this.rv;
  }

  /** The stored object itself: frozen, for reading only (clone it to build the next version). */
  peek(r: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    return this.types.get(r)?.objects.get(nsNameKey(r.namespaced ? namespace : undefined, name));
  }

  /** The stored (frozen) objects of a type, optionally one namespace, sorted by namespace/name. */
  view(r: ResourceType, namespace?: string): KObject[] {
    const index = this.types.get(r);
    if (!index) return [];
    const keys = namespace ? (index.byNamespace.get(namespace) ?? []) : index.ordered;
    return keys.map((k) => index.objects.get(k)!);
  }

  /**
   * The stored (frozen) objects of a type (optionally one namespace) whose key `namespace/name` sorts after
   * `afterKey`, in key order, each with its key: where a paged LIST continues.
   */
  *viewAfter(r: ResourceType, namespace: string | undefined, afterKey: string): Generator<[string, KObject]> {
    const index = this.types.get(r);
    if (!index) return;
    const keys = namespace ? (index.byNamespace.get(namespace) ?? []) : index.ordered;
    let at = afterKey === '' ? 0 : lowerBound(keys, afterKey);
    while (at < keys.length && afterKey !== '' && byKey(keys[at]!, afterKey) <= 0) at++;
    for (; at < keys.length; at++) yield [keys[at]!, index.objects.get(keys[at]!)!];
  }

  /** Private copies of everything stored, in creation order (for test assertions). */
  all(): StoredObject[] {
    return [...this.objects.values()].map((e) => ({ resource: e.resource, object: clone(e.object) }));
  }

  /** The stored (frozen) objects whose ownerReferences name `uid`: of type `r` in list order, else all in creation order. */
  dependentsOf(uid: string, r?: ResourceType): StoredObject[] {
    const found: StoredObject[] = [];
    for (const k of this.dependents.get(uid) ?? []) {
      const entry = this.objects.get(k);
      if (entry && (!r || entry.resource === r)) found.push(entry);
    }
    const sortKey = (e: StoredObject) => nsNameKey(meta(e.object).namespace, meta(e.object).name ?? '');
    return r && found.length > 1 ? found.sort((a, b) => byKey(sortKey(a), sortKey(b))) : found;
  }

  /** Whether any stored object has this uid (an owner still exists). */
  hasUid(uid: string): boolean {
    return this.uids.has(uid);
  }

  /**
   * Stores a new object, stamping the server-owned metadata (on `obj` too). The caller has checked it does not
   * exist. Returns the stored (frozen) copy.
   */
  create(r: ResourceType, obj: KObject): KObject {
    const m = meta(obj);
    m.uid = randomUUID();
    m.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    // Only objects with a spec carry a generation (ConfigMaps, Secrets ... do not).
    if (obj.spec !== undefined) m.generation = 1;
    else delete m.generation;
    if (!r.namespaced) delete m.namespace;
    m.resourceVersion = String(++this.rv);
    const stored = this.put(r, obj, undefined);
    this.emit({ rv: this.rv, type: 'ADDED', resource: r, object: stored });
    return stored;
  }

  /**
   * Replaces a stored object; bumps generation when anything outside metadata/status changed. `previous` is the
   * version the caller read. Returns the stored (frozen) version; a write that changes nothing stores nothing.
   */
  update(r: ResourceType, obj: KObject, previous: KObject): KObject {
    const m = meta(obj);
    const pm = meta(previous);
    m.uid = pm.uid;
    m.creationTimestamp = pm.creationTimestamp;
    if (pm.generation !== undefined) m.generation = pm.generation + (specChanged(previous, obj) ? 1 : 0);
    else delete m.generation;
    const stored = this.peek(r, m.namespace, m.name ?? '');
    if (sameExceptRV(obj, previous)) {
      m.resourceVersion = pm.resourceVersion; // a no-op write changes nothing, as on the real server
      return stored ?? obj;
    }
    m.resourceVersion = String(++this.rv);
    const next = this.put(r, obj, stored);
    this.emit({
      rv: this.rv,
      type: 'MODIFIED',
      resource: r,
      object: next,
      previous: stored ?? deepFreeze(clone(previous)),
    });
    return next;
  }

  /** Removes an object; returns it as deleted (frozen), at the resourceVersion of its deletion. */
  delete(r: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const ns = r.namespaced ? namespace : undefined;
    const stored = this.peek(r, ns, name);
    if (!stored) return undefined;
    const key = storeKey(r, ns, name);
    this.objects.delete(key);
    this.types.get(r)!.remove(nsNameKey(ns, name), ns ?? '');
    this.reindexOwners(key, stored, undefined);
    this.uids.delete(meta(stored).uid ?? '');
    // The deleted object is reported at the resourceVersion of its deletion, as on the real server.
    const gone = clone(stored);
    meta(gone).resourceVersion = String(++this.rv);
    deepFreeze(gone);
    this.emit({ rv: this.rv, type: 'DELETED', resource: r, object: gone });
    return gone;
  }

  /** Events after `rv`, or 'gone' when the history no longer reaches back that far. */
  eventsSince(rv: number): StoreEvent[] | 'gone' {
    if (rv < this.compactedBefore) return 'gone';
    const kept = this.history.length - this.historyStart;
    const oldest = this.history[this.historyStart];
    if (oldest && rv < oldest.rv - 1 && kept >= HISTORY_LIMIT) return 'gone';
    // Binary search for the first event after rv: resuming costs O(log n + events replayed).
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** The oldest resourceVersion a watch can still resume from (for the 410 message). */
  oldestResumableRV(): number {
    const kept = this.history.length - this.historyStart;
    const oldest = this.history[this.historyStart];
    const byHistory = oldest && kept >= HISTORY_LIMIT ? oldest.rv - 1 : 0;
    return Math.max(byHistory, this.compactedBefore);
  }

  /** Pretends etcd compacted everything up to now: any watch resuming from an older version gets 410. */
  compact(): void {
    this.compactedBefore = this.rv;
  }

  /** Calls `fn` for every change, or only for changes to one resource type. */
  subscribe(fn: (e: StoreEvent) => void, r?: ResourceType): () => void {
    if (!r) {
      this.listeners.add(fn);
      return () => this.listeners.delete(fn);
    }
    let set = this.typeListeners.get(r);
    if (!set) this.typeListeners.set(r, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Stores a frozen copy of `obj` under its key and updates the indexes; returns the stored copy. */
  private put(r: ResourceType, obj: KObject, previous: KObject | undefined): KObject {
    const m = meta(obj);
    const ns = r.namespaced ? m.namespace : undefined;
    const key = storeKey(r, ns, m.name ?? '');
    const stored = deepFreeze(clone(obj));
    this.objects.set(key, { resource: r, object: stored });
    let index = this.types.get(r);
    if (!index) this.types.set(r, (index = new TypeIndex()));
    const k = nsNameKey(ns, m.name ?? '');
    if (!index.objects.has(k)) index.add(k, ns ?? '');
    index.objects.set(k, stored);
    this.reindexOwners(key, previous, stored);
    if (m.uid) this.uids.add(m.uid);
    return stored;
  }

  private reindexOwners(key: string, before: KObject | undefined, after: KObject | undefined): void {
    const was = ownerUids(before);
    const now = ownerUids(after);
    for (const uid of was) {
      if (now.includes(uid)) continue;
      const set = this.dependents.get(uid);
      set?.delete(key);
      if (set?.size === 0) this.dependents.delete(uid);
    }
    for (const uid of now) {
      let set = this.dependents.get(uid);
      if (!set) this.dependents.set(uid, (set = new Set()));
      set.add(key);
    }
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length - this.historyStart > HISTORY_LIMIT) this.historyStart++;
    // Drop the forgotten prefix now and then, so trimming stays O(1) per event on average.
    if (this.historyStart >= HISTORY_LIMIT) {
      this.history = this.history.slice(this.historyStart);
      this.historyStart = 0;
    }
    for (const fn of [...this.listeners]) fn(event);
    const typed = this.typeListeners.get(event.resource);
    if (typed) for (const fn of [...typed]) fn(event);
  }
}

/** Whether two versions of an object are the same but for metadata.resourceVersion. */
function sameExceptRV(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => ({ ...o, metadata: { ...meta(o), resourceVersion: undefined } });
  return jsonEqual(strip(a), strip(b));
}

/** generation follows the spec (and, for kinds without spec, everything but metadata/status). */
function specChanged(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => ({ ...o, metadata: undefined, status: undefined });
  return !jsonEqual(strip(a), strip(b));
}
