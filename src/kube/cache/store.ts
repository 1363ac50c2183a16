import { isRecord, type KubeObject } from '../objects';
import { WATCHED_KINDS, type WatchScope, type WatchedKind } from './kinds';

export type ChangeType = 'added' | 'modified' | 'deleted';

/** One object that changed: what the tree needs to find the node(s) to refresh. */
export interface ObjectChange {
  readonly type: ChangeType;
  readonly kind: WatchedKind;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  readonly object: KubeObject;
}

/** Contents nobody here reads: only whether the object exists matters, and a Secret's values stay out of memory. */
const CONTENT_FIELDS = ['data', 'stringData', 'binaryData'];

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Fields the tree never reads and that make up much of an object's size. An object without them is kept as it
 * came (no copy): a 50,000-pod list is not copied pod by pod. The transport slims a LIST's items as each is parsed
 * (and says so: the store does not slim them again); the store slims watch events and other transports' lists.
 */
export function slimObject(kind: WatchedKind, raw: KubeObject): KubeObject {
  if (kind === 'Pod') return compactPod(raw);
  const contents = kind === 'Secret' || kind === 'ConfigMap';
  const annotations = raw.metadata.annotations;
  if (!contents && raw.metadata.managedFields === undefined && !(annotations && LAST_APPLIED in annotations))
    return raw;
  const object = contents
    ? (Object.fromEntries(Object.entries(raw).filter(([k]) => !CONTENT_FIELDS.includes(k))) as KubeObject)
    : raw;
  return { ...object, metadata: slimMetadata(object.metadata) };
}

function slimMetadata(raw: KubeObject['metadata']): KubeObject['metadata'] {
  const { managedFields: _managed, ...metadata } = raw;
  const annotations = metadata.annotations;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _last, ...rest } = annotations;
    metadata.annotations = rest;
  }
  return metadata;
}

/**
 * A pod as the cache keeps it: the fields read from cached pods (the tree's rows and tooltips, ownership, Delete
 * Pod's replacement timer, Port Forward's ports) and nothing else. A pod's env, volumes, resources, tolerations,
 * annotations, managed fields and the rest are left behind as each LIST page or watch event arrives: at 50,000 pods
 * they were most of the cache, and most of what the garbage collector copied while the list came in. One shape for
 * every pod (a field the pod lacks is undefined), built from literals: a generic copy by key list cost more than it
 * saved. Code that reads another field of a cached pod adds it here.
 */
function compactPod(raw: KubeObject): KubeObject {
  const m = raw.metadata;
  const spec = isRecord(raw.spec) ? raw.spec : undefined;
  const status = isRecord(raw.status) ? raw.status : undefined;
  return {
    apiVersion: raw.apiVersion,
    kind: raw.kind,
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      labels: m.labels,
      ownerReferences: m.ownerReferences,
      creationTimestamp: m.creationTimestamp,
      deletionTimestamp: m.deletionTimestamp,
    },
    spec: spec && { nodeName: spec.nodeName, containers: compactContainers(spec.containers) },
    status: status && {
      phase: status.phase,
      reason: status.reason,
      podIP: status.podIP,
      conditions: status.conditions,
      containerStatuses: status.containerStatuses,
    },
  };
}

function compactContainers(containers: unknown): unknown {
  if (!Array.isArray(containers)) return containers;
  const out: unknown[] = [];
  for (const c of containers as unknown[])
    out.push(
      isRecord(c)
        ? {
            name: c.name,
            image: c.image,
            ports: c.ports,
            readinessProbe: c.readinessProbe,
            livenessProbe: c.livenessProbe,
          }
        : c,
    );
  return out;
}

/** One LIST being stored page by page: what each page and the end changed. */
export interface StoreListing {
  page(items: readonly KubeObject[]): ObjectChange[];
  end(): ObjectChange[];
}

/** The live objects by kind → namespace → name; every write reports the changes it made. */
export class ObjectStore {
  private readonly kinds = new Map<WatchedKind, Map<string, Map<string, KubeObject>>>();

  get(kind: WatchedKind, namespace: string, name: string): KubeObject | undefined {
    return this.kinds.get(kind)?.get(namespace)?.get(name);
  }

  /** Objects of a kind in one namespace ('' for cluster-scoped), or in all when namespace is undefined. */
  list(kind: WatchedKind, namespace?: string): KubeObject[] {
    const byNamespace = this.kinds.get(kind);
    if (!byNamespace) return [];
    if (namespace !== undefined) return [...(byNamespace.get(namespace)?.values() ?? [])];
    return [...byNamespace.values()].flatMap((m) => [...m.values()]);
  }

  count(kind: WatchedKind): number {
    let total = 0;
    for (const m of this.kinds.get(kind)?.values() ?? []) total += m.size;
    return total;
  }

  /** Stores one event's object; `slimmed` when it has been through `slimObject` already. */
  apply(
    kind: WatchedKind,
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    raw: KubeObject,
    slimmed = false,
  ): ObjectChange | undefined {
    const namespace = raw.metadata.namespace ?? '';
    const name = raw.metadata.name;
    const bucket = this.bucket(kind, namespace);
    const previous = bucket.get(name);
    if (type === 'DELETED') {
      if (!previous) return undefined;
      bucket.delete(name);
      return { type: 'deleted', kind, namespace, name, object: previous };
    }
    // A replayed event (same resourceVersion) changes nothing: no change to report.
    if (
      previous &&
      previous.metadata.resourceVersion === raw.metadata.resourceVersion &&
      raw.metadata.resourceVersion !== undefined
    )
      return undefined;
    const object = slimmed ? raw : slimObject(kind, raw);
    bucket.set(name, object);
    return { type: previous ? 'modified' : 'added', kind, namespace, name, object };
  }

  /** Makes the scope hold exactly `items` (a fresh LIST), reporting additions, changes and removals. */
  replace(scope: WatchScope, items: readonly KubeObject[], slimmed = false): ObjectChange[] {
    const listing = this.listing(scope, slimmed);
    const changes = listing.page(items);
    for (const change of listing.end()) changes.push(change);
    return changes;
  }

  /**
   * A LIST that arrives in pages: each page is stored as it comes (the tree fills while the rest is on its way);
   * at the end, what the scope held before and the list did not name again is removed.
   */
  listing(scope: WatchScope, slimmed = false): StoreListing {
    // Only what was held before is tracked (nothing on a first list): no key per listed item.
    const unlisted = new Map<string, Set<string>>();
    for (const old of this.inScope(scope)) {
      const namespace = old.metadata.namespace ?? '';
      const names = unlisted.get(namespace);
      if (names) names.add(old.metadata.name);
      else unlisted.set(namespace, new Set([old.metadata.name]));
    }
    return {
      page: (items) => {
        const changes: ObjectChange[] = [];
        for (const item of items) {
          if (unlisted.size > 0) unlisted.get(item.metadata.namespace ?? '')?.delete(item.metadata.name);
          const change = this.apply(scope.kind, 'MODIFIED', item, slimmed);
          if (change) changes.push(change);
        }
        return changes;
      },
      end: () => {
        const changes: ObjectChange[] = [];
        for (const [namespace, names] of unlisted)
          for (const name of names) {
            const old = this.get(scope.kind, namespace, name);
            const change = old && this.apply(scope.kind, 'DELETED', old);
            if (change) changes.push(change);
          }
        unlisted.clear();
        return changes;
      },
    };
  }

  /** Forgets a scope (a namespace the tree closed): its objects are reported deleted. */
  drop(scope: WatchScope): ObjectChange[] {
    return this.replace(scope, []);
  }

  private inScope(scope: WatchScope): KubeObject[] {
    const namespaced = WATCHED_KINDS[scope.kind].namespaced;
    return this.list(scope.kind, namespaced ? scope.namespace : '');
  }

  private bucket(kind: WatchedKind, namespace: string): Map<string, KubeObject> {
    let byNamespace = this.kinds.get(kind);
    if (!byNamespace) this.kinds.set(kind, (byNamespace = new Map<string, Map<string, KubeObject>>()));
    let bucket = byNamespace.get(namespace);
    if (!bucket) byNamespace.set(namespace, (bucket = new Map<string, KubeObject>()));
    return bucket;
  }
}
