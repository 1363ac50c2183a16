import { Disposable, toDisposable, type IDisposable } from '../../util/disposable';
import type { CacheChangeBatch, ClusterCache } from './clusterCache';
import { Emitter, type Event } from './emitter';
import { isReferenceKind, WATCHED_KINDS } from './kinds';

/**
 * What the connected cluster says about an object that manifests refer to (the lint engine's ClusterLookup,
 * structurally: the core of the cluster does not import the linter).
 */
export interface ReferenceLookup {
  /** true: the cluster has it; false: it does not; undefined: not known (not a watched kind, or not synced yet). */
  has(kind: string, namespace: string | undefined, name: string): boolean | undefined;
  /** Where it was looked for, for messages: `namespace "shop" of context "demo"`. */
  where(kind: string, namespace: string | undefined): string;
}

/** The part of a connected context the lookup needs. LiveSession satisfies it. */
export interface ReferenceSession {
  readonly cache: Pick<ClusterCache, 'get' | 'status' | 'connection' | 'watchReferences' | 'onDidChange'>;
  readonly target: { readonly contextName: string; readonly namespace: string };
}

/** The current context as the lookup sees it. LiveCluster satisfies it. */
export interface ReferenceSource {
  readonly session: ReferenceSession | undefined;
  readonly onDidChangeState: Event<unknown>;
}

/** A lookup over one session's cache: asking about a namespace starts watching its referable kinds. */
export function referenceLookup(session: ReferenceSession): ReferenceLookup {
  const { cache, target } = session;
  const namespaceOf = (kind: string, namespace: string | undefined) =>
    isReferenceKind(kind) && !WATCHED_KINDS[kind].namespaced ? '' : (namespace ?? target.namespace);
  return {
    has(kind, namespace, name) {
      if (!isReferenceKind(kind)) return undefined;
      const ns = namespaceOf(kind, namespace);
      cache.watchReferences(ns || target.namespace);
      if (cache.status(kind, ns || undefined)?.state !== 'synced') return undefined;
      return cache.get(kind, ns, name) !== undefined;
    },
    where(kind, namespace) {
      const ns = namespaceOf(kind, namespace);
      return ns ? `namespace "${ns}" of context "${target.contextName}"` : `context "${target.contextName}"`;
    },
  };
}

/**
 * The connected cluster for the linter: a lookup while the Cluster view is connected, and one event when that
 * changes (connected, disconnected, a referable object added or deleted, a watch of one synced or failed).
 */
export class ClusterReferences extends Disposable {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange = this.changed.event;
  private cacheSubscription: IDisposable | undefined;
  private current: { session: ReferenceSession; lookup: ReferenceLookup } | undefined;
  private connected = false;

  constructor(private readonly source: ReferenceSource) {
    super();
    this._register(source.onDidChangeState(() => this.follow()));
    this._register(toDisposable(() => this.cacheSubscription?.dispose()));
    this.follow();
  }

  /** The lookup of the connected context; undefined while nothing is connected. */
  lookup(): ReferenceLookup | undefined {
    return this.current && this.connected ? this.current.lookup : undefined;
  }

  private follow(): void {
    const session = this.source.session;
    if (session === this.current?.session) return;
    this.cacheSubscription?.dispose();
    this.cacheSubscription = session?.cache.onDidChange((batch) => this.cacheChanged(batch));
    this.current = session && { session, lookup: referenceLookup(session) };
    this.connected = session?.cache.connection().state === 'connected';
    this.changed.fire();
  }

  private cacheChanged(batch: CacheChangeBatch): void {
    const connected = this.current?.session.cache.connection().state === 'connected';
    const relevant =
      connected !== this.connected ||
      batch.objects.some((c) => c.type !== 'modified' && isReferenceKind(c.kind)) ||
      batch.statuses.some((s) => isReferenceKind(s.kind));
    this.connected = connected;
    if (relevant) this.changed.fire();
  }
}
