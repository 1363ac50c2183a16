import type { IDisposable } from '../../util/disposable';
import type { ApiFailure } from '../failures';
import type { KubeObject } from '../objects';
import { scopeKey, type WatchScope } from './kinds';
import type { WatchEnd, WatchEventType, WatchTransport } from './watchTransport';

/** Where one watch stands: listing, live, or failing (and retrying) for a stated reason. */
export type WatchStatus =
  | { readonly state: 'syncing' }
  | { readonly state: 'synced' }
  | { readonly state: 'failed'; readonly failure: ApiFailure };

/** Where a watch delivers: a full snapshot after each LIST, single changes after that. */
export interface WatchSink {
  replace(scope: WatchScope, items: readonly KubeObject[]): void;
  /** When given, a LIST is delivered page by page as it arrives (then ended) instead of replaced at its end. */
  listing?(scope: WatchScope): ListingSink;
  apply(scope: WatchScope, type: WatchEventType, object: KubeObject): void;
  status(scope: WatchScope, status: WatchStatus): void;
}

/** One LIST delivered in pages; `end` once every page has come (what it did not name is gone). */
export interface ListingSink {
  page(items: readonly KubeObject[]): void;
  end(): void;
}

export interface BackoffOptions {
  readonly minMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 250, maxMs: 30_000 };

/**
 * LIST then WATCH one kind in one namespace for as long as it lives. A closed stream resumes from the last
 * resourceVersion; an expired one (410 Gone) relists and replaces the snapshot, so deletions missed in the
 * gap disappear too; failures back off exponentially (with jitter) and are reported once per change.
 */
export class ResourceWatch implements IDisposable {
  private resourceVersion: string | undefined;
  private stream: IDisposable | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoffMs: number;
  private disposed = false;
  private lastStatus = '';
  /** Aborts a list in flight on dispose, so a hung server does not keep the connection (and the process) alive. */
  private readonly lists = new AbortController();

  constructor(
    readonly scope: WatchScope,
    private readonly transport: WatchTransport,
    private readonly sink: WatchSink,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    this.backoffMs = backoff.minMs;
  }

  get key(): string {
    return scopeKey(this.scope);
  }

  start(): void {
    this.report({ state: 'syncing' });
    void this.relist();
  }

  /** Skips the wait of a pending retry (the user pressed Retry). */
  retryNow(): void {
    if (this.timer === undefined || this.disposed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.backoffMs = this.backoff.minMs;
    if (this.resourceVersion === undefined) void this.relist();
    else this.resume();
  }

  private async relist(): Promise<void> {
    const listing = this.sink.listing?.(this.scope);
    const onPage =
      listing &&
      ((items: readonly KubeObject[]): void => {
        if (!this.disposed) listing.page(items);
      });
    const answer = await this.transport.list(this.scope, this.lists.signal, onPage);
    if (this.disposed) return;
    // A list that broke off leaves the pages it brought; the next list's end removes what it does not name.
    if (!answer.ok) return this.fail(answer.error, () => void this.relist());
    if (!listing) this.sink.replace(this.scope, answer.value.items);
    else {
      // A transport that does not page (or a list that fell back to one unpaged answer) brings its items here.
      if (answer.value.items.length > 0) listing.page(answer.value.items);
      listing.end();
    }
    this.resourceVersion = answer.value.resourceVersion ?? '0';
    this.backoffMs = this.backoff.minMs;
    this.report({ state: 'synced' });
    this.resume();
  }

  private resume(): void {
    if (this.disposed || this.resourceVersion === undefined) return;
    this.stream = this.transport.watch(this.scope, this.resourceVersion, {
      onOpen: () => this.onOpen(),
      onEvent: (type, object) => this.onEvent(type, object),
      onProgress: (rv) => (this.resourceVersion = rv),
      onEnd: (end) => this.onEnd(end),
    });
  }

  private onOpen(): void {
    this.backoffMs = this.backoff.minMs;
    this.report({ state: 'synced' });
  }

  private onEvent(type: WatchEventType, object: KubeObject): void {
    this.sink.apply(this.scope, type, object);
  }

  private onEnd(end: WatchEnd): void {
    this.stream = undefined;
    if (this.disposed) return;
    switch (end.reason) {
      case 'gone':
        // Our resourceVersion was compacted away: only a fresh LIST can tell what changed meanwhile.
        this.resourceVersion = undefined;
        return void this.relist();
      case 'closed':
        return this.later(() => this.resume());
      case 'failed':
        return this.fail(end.failure, () => this.resume());
    }
  }

  private fail(failure: ApiFailure, retry: () => void): void {
    this.report({ state: 'failed', failure });
    this.later(retry);
  }

  private later(action: () => void): void {
    const jitter = 0.8 + Math.random() * 0.4;
    const delay = Math.round(this.backoffMs * jitter);
    this.backoffMs = Math.min(this.backoffMs * 2, this.backoff.maxMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      action();
    }, delay);
  }

  /** Reports a status only when it differs from the last one: a retry loop must not flood listeners. */
  private report(status: WatchStatus): void {
    const text = status.state === 'failed' ? `failed:${status.failure.kind}:${status.failure.message}` : status.state;
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    this.sink.status(this.scope, status);
  }

  dispose(): void {
    this.disposed = true;
    this.lists.abort();
    clearTimeout(this.timer);
    this.stream?.dispose();
  }
}
