import type { IDisposable } from '../../util/disposable';
import type { Result } from '../../util/result';
import type { ApiFailure } from '../failures';
import type { KubeObject } from '../objects';
import type { WatchScope } from './kinds';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A LIST answer: the items (with apiVersion/kind filled in) and the version to watch from. */
export interface ListAnswer {
  readonly items: KubeObject[];
  readonly resourceVersion: string | undefined;
}

/** Why a watch stream ended: expired (relist), closed by the server or network (resume), or refused. */
export type WatchEnd = { readonly reason: 'gone' } | { readonly reason: 'closed'; readonly detail?: string } | { readonly reason: 'failed'; readonly failure: ApiFailure };

export interface WatchHandlers {
  /** The server accepted the watch (HTTP 200): the stream is live. */
  onOpen(): void;
  onEvent(type: WatchEventType, object: KubeObject): void;
  /** A bookmark or any event moved the stream to this resourceVersion. */
  onProgress(resourceVersion: string): void;
  /** Called exactly once, unless the handle was disposed first. */
  onEnd(end: WatchEnd): void;
}

/** LIST and WATCH for one cluster connection. The real one speaks HTTP; tests use an in-memory fake. */
export interface WatchTransport extends IDisposable {
  readonly contextName: string;
  readonly server: string;
  list(scope: WatchScope): Promise<Result<ListAnswer, ApiFailure>>;
  /** Starts a watch from `resourceVersion`; dispose the handle to stop it (no onEnd then). */
  watch(scope: WatchScope, resourceVersion: string, handlers: WatchHandlers): IDisposable;
}
