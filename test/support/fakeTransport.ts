// An in-memory WatchTransport for unit tests: lists and watch streams under the test's control.
import type { IDisposable } from '../../src/util/disposable';
import { err, ok, type Result } from '../../src/util/result';
import type { ApiFailure } from '../../src/kube/failures';
import type { KubeObject, ObjectMeta } from '../../src/kube/objects';

/** An object without apiVersion/kind: the fake fills them in from the kind. */
export interface Body {
  metadata: ObjectMeta;
  [field: string]: unknown;
}
import { WATCHED_KINDS, scopeKey, type WatchScope, type WatchedKind } from '../../src/kube/cache/kinds';
import type {
  ListAnswer,
  WatchEnd,
  WatchEventType,
  WatchHandlers,
  WatchTransport,
} from '../../src/kube/cache/watchTransport';

export interface OpenStream {
  readonly scope: WatchScope;
  readonly resourceVersion: string;
  readonly handlers: WatchHandlers;
  disposed: boolean;
}

export class FakeTransport implements WatchTransport {
  readonly contextName = 'fake';
  readonly server = 'https://fake.invalid:6443';
  private rv = 100;
  private readonly objects = new Map<string, KubeObject>();
  readonly streams: OpenStream[] = [];
  readonly lists: string[] = [];
  /** Failures for LIST by scope key (`Pod/ns`), or '*' for every list. */
  readonly listFailures = new Map<string, ApiFailure>();

  put(kind: WatchedKind, object: Body, emit = true): KubeObject {
    const full = {
      ...object,
      apiVersion: WATCHED_KINDS[kind].apiVersion,
      kind,
      metadata: { ...object.metadata, resourceVersion: String(++this.rv) },
    } as KubeObject;
    const key = `${kind}/${full.metadata.namespace ?? ''}/${full.metadata.name}`;
    const type: WatchEventType = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    this.objects.set(key, full);
    if (emit) this.emit(type, full);
    return full;
  }

  remove(kind: WatchedKind, namespace: string, name: string, emit = true): void {
    const key = `${kind}/${namespace}/${name}`;
    const object = this.objects.get(key);
    if (!object) return;
    this.objects.delete(key);
    if (emit) this.emit('DELETED', { ...object, metadata: { ...object.metadata, resourceVersion: String(++this.rv) } });
  }

  private inScope(scope: WatchScope, object: KubeObject): boolean {
    return (
      object.kind === scope.kind && (scope.namespace === undefined || object.metadata.namespace === scope.namespace)
    );
  }

  emit(type: WatchEventType, object: KubeObject): void {
    for (const s of this.live()) if (this.inScope(s.scope, object)) s.handlers.onEvent(type, object);
  }

  live(): OpenStream[] {
    return this.streams.filter((s) => !s.disposed);
  }

  /** Ends every open stream the way the server or network would. */
  endAll(end: WatchEnd): void {
    for (const s of this.live()) {
      s.disposed = true;
      s.handlers.onEnd(end);
    }
  }

  list(scope: WatchScope): Promise<Result<ListAnswer, ApiFailure>> {
    this.lists.push(scopeKey(scope));
    const failure = this.listFailures.get(scopeKey(scope)) ?? this.listFailures.get('*');
    if (failure) return Promise.resolve(err(failure));
    const items = [...this.objects.values()].filter((o) => this.inScope(scope, o));
    return Promise.resolve(ok({ items, resourceVersion: String(this.rv) }));
  }

  watch(scope: WatchScope, resourceVersion: string, handlers: WatchHandlers): IDisposable {
    const stream: OpenStream = { scope, resourceVersion, handlers, disposed: false };
    this.streams.push(stream);
    const failure = this.listFailures.get('*');
    queueMicrotask(() => {
      if (stream.disposed) return;
      if (failure) {
        stream.disposed = true;
        return handlers.onEnd({ reason: 'failed', failure });
      }
      handlers.onOpen();
    });
    return { dispose: () => (stream.disposed = true) };
  }

  dispose(): void {}
}

export const forbidden = (what: string): ApiFailure => ({
  kind: 'forbidden',
  fatal: false,
  status: 403,
  message: `forbidden: cannot list ${what}`,
});
export const unreachable: ApiFailure = {
  kind: 'unreachable',
  fatal: true,
  message: 'cannot reach the cluster at https://fake.invalid:6443 (context fake): ECONNREFUSED',
};

export const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (polling every 5 ms), failing after `ms`. */
export function pod(
  namespace: string,
  name: string,
  extra: Record<string, unknown> = {},
  labels: Record<string, string> = {},
): Body {
  return {
    metadata: { name, namespace, labels, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      nodeName: 'node-1',
      containers: [{ name: 'app', image: 'app:1', readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          image: 'app:1',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-01-01T00:00:05Z' } },
        },
      ],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
    ...extra,
  };
}
