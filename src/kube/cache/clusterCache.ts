import { Disposable, toDisposable } from '../../util/disposable';
import type { ApiFailure } from '../failures';
import type { KubeObject } from '../objects';
import { Emitter, type Event } from './emitter';
import { NAMESPACED_KINDS, REFERENCE_KINDS, WATCHED_KINDS, scopeKey, type WatchScope, type WatchedKind } from './kinds';
import { ResourceWatch, DEFAULT_BACKOFF, type BackoffOptions, type WatchStatus } from './resourceWatch';
import { ObjectStore, type ObjectChange } from './store';
import type { WatchEventType, WatchTransport } from './watchTransport';

/** The connection as a whole: one clear state for the tree's root and the status bar. */
export type ConnectionState =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  | { readonly state: 'unreachable' | 'unauthorized'; readonly message: string };

/** What changed since the last batch: objects, and the scopes whose watch status changed. */
export interface CacheChangeBatch {
  readonly objects: readonly ObjectChange[];
  readonly statuses: readonly WatchScope[];
}

/** The read side of the cache: what the tree, status bar and diagnostics use (and what test fakes implement). */
export interface CacheReader {
  readonly contextName: string;
  readonly onDidChange: Event<CacheChangeBatch>;
  get(kind: WatchedKind, namespace: string, name: string): KubeObject | undefined;
  list(kind: WatchedKind, namespace?: string): KubeObject[];
  connection(): ConnectionState;
  /** The watch status of a namespaced kind in a namespace; undefined when nothing watches it. */
  status(kind: WatchedKind, namespace?: string): WatchStatus | undefined;
  isOpen(namespace: string): boolean;
}

/**
 * The live cluster: one watch per kind and namespace (namespaces themselves cluster-wide), objects in one
 * store, changes delivered in batches per event-loop turn so a relist of thousands is one notification.
 */
export class ClusterCache extends Disposable implements CacheReader {
  private readonly store = new ObjectStore();
  private readonly watches = new Map<string, ResourceWatch>();
  private readonly statuses = new Map<string, { scope: WatchScope; status: WatchStatus }>();
  private readonly openNamespaces = new Set<string>();
  private allNamespaces = false;
  private pending: { objects: ObjectChange[]; statuses: WatchScope[] } = { objects: [], statuses: [] };
  private flushScheduled = false;
  private readonly changed = this._register(new Emitter<CacheChangeBatch>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly transport: WatchTransport,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    super();
    this._register(toDisposable(() => this.watches.forEach((w) => w.dispose())));
  }

  get contextName(): string {
    return this.transport.contextName;
  }

  /** Starts the namespace list; namespaces' contents load when opened. */
  start(): void {
    this.startWatch({ kind: 'Namespace' });
  }

  /** Watches every tree kind in a namespace (idempotent). */
  openNamespace(namespace: string): void {
    if (this.openNamespaces.has(namespace) || this.allNamespaces) return;
    this.openNamespaces.add(namespace);
    for (const kind of NAMESPACED_KINDS) this.startWatch({ kind, namespace });
  }

  /** One cluster-wide watch per kind instead of one per namespace: for users (and benchmarks) who open everything. */
  /**
   * Namespaces already open keep their own watches: their rows stay on screen while the cluster-wide lists load.
   * An object both watches bring is stored once; a change either brings is applied.
   */
  openAllNamespaces(): void {
    if (this.allNamespaces) return;
    this.allNamespaces = true;
    for (const kind of NAMESPACED_KINDS) this.startWatch({ kind });
  }

  closeNamespace(namespace: string): void {
    if (!this.openNamespaces.delete(namespace)) return;
    for (const kind of NAMESPACED_KINDS) {
      const scope = { kind, namespace };
      this.watches.get(scopeKey(scope))?.dispose();
      this.watches.delete(scopeKey(scope));
      this.statuses.delete(scopeKey(scope));
      // Under cluster-wide watches the objects stay: those watches still hold them.
      this.queue(this.allNamespaces ? [] : this.store.drop(scope), [scope]);
    }
  }

  /**
   * Watches the kinds manifests refer to (ConfigMaps, Secrets, PVCs, ServiceAccounts) in a namespace, and the
   * cluster's StorageClasses (idempotent): what the linter asks the cluster about. Apart from the tree's watches.
   */
  watchReferences(namespace: string): void {
    for (const kind of REFERENCE_KINDS)
      this.startWatch(WATCHED_KINDS[kind].namespaced ? { kind, namespace } : { kind });
  }

  isOpen(namespace: string): boolean {
    return this.allNamespaces || this.openNamespaces.has(namespace);
  }

  /** Retries every failing watch now instead of at the end of its backoff. */
  retry(): void {
    for (const watch of this.watches.values()) watch.retryNow();
  }

  get(kind: WatchedKind, namespace: string, name: string): KubeObject | undefined {
    return this.store.get(kind, namespace, name);
  }

  list(kind: WatchedKind, namespace?: string): KubeObject[] {
    return this.store.list(kind, namespace);
  }

  count(kind: WatchedKind): number {
    return this.store.count(kind);
  }

  status(kind: WatchedKind, namespace?: string): WatchStatus | undefined {
    return (
      this.statuses.get(scopeKey({ kind, namespace }))?.status ??
      (this.allNamespaces && namespace !== undefined ? this.statuses.get(scopeKey({ kind }))?.status : undefined)
    );
  }

  connection(): ConnectionState {
    let synced = false;
    for (const { status } of this.statuses.values()) {
      if (status.state === 'failed' && isConnectionFailure(status.failure)) return connectionFailure(status.failure);
      synced ||= status.state === 'synced';
    }
    return synced ? { state: 'connected' } : { state: 'connecting' };
  }

  private startWatch(scope: WatchScope): void {
    const key = scopeKey(scope);
    if (this.watches.has(key)) return;
    const watch = new ResourceWatch(scope, this.transport, this.sink, this.backoff);
    this.watches.set(key, watch);
    watch.start();
  }

  private readonly sink = {
    replace: (scope: WatchScope, items: readonly KubeObject[]) =>
      this.queue(this.store.replace(scope, items, this.transport.listsSlimmed), []),
    // Each page reaches the tree as it arrives: a 50,000-pod list is not stored in one block after its last page.
    listing: (scope: WatchScope) => {
      const listing = this.store.listing(scope, this.transport.listsSlimmed);
      return {
        page: (items: readonly KubeObject[]) => this.queue(listing.page(items), []),
        end: () => this.queue(listing.end(), []),
      };
    },
    apply: (scope: WatchScope, type: WatchEventType, object: KubeObject) => {
      const change = this.store.apply(scope.kind, type, object);
      if (change) this.queue([change], []);
    },
    status: (scope: WatchScope, status: WatchStatus) => {
      this.statuses.set(scopeKey(scope), { scope, status });
      this.queue([], [scope]);
    },
  };

  private queue(objects: readonly ObjectChange[], statuses: readonly WatchScope[]): void {
    if (objects.length === 0 && statuses.length === 0) return;
    for (const change of objects) this.pending.objects.push(change);
    for (const scope of statuses) this.pending.statuses.push(scope);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One batch per event-loop turn: a 5,000-object relist is one notification, a single change is not delayed.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.isDisposed) return;
    const batch = this.pending;
    this.pending = { objects: [], statuses: [] };
    this.changed.fire(batch);
  }
}

function isConnectionFailure(failure: ApiFailure): boolean {
  return failure.kind === 'unreachable' || failure.kind === 'unauthorized';
}

function connectionFailure(failure: ApiFailure): ConnectionState {
  return { state: failure.kind === 'unauthorized' ? 'unauthorized' : 'unreachable', message: failure.message };
}
