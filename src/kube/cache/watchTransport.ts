import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { IDisposable } from '../../util/disposable';
import { ok, type Result } from '../../util/result';
import type { ClusterClient } from '../client';
import type { ApiFailure, RequestDescription } from '../failures';
import { groupOf, isRecord, itemsOf, type KubeObject } from '../objects';
import { WATCHED_KINDS, fieldSelectorOf, scopePath, type WatchScope, type WatchedKind } from './kinds';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A LIST answer: the items (with apiVersion/kind filled in) and the version to watch from. */
export interface ListAnswer {
  readonly items: KubeObject[];
  readonly resourceVersion: string | undefined;
}

/** Why a watch stream ended: expired (relist), closed by the server or network (resume), or refused. */
export type WatchEnd =
  | { readonly reason: 'gone' }
  | { readonly reason: 'closed'; readonly detail?: string }
  | { readonly reason: 'failed'; readonly failure: ApiFailure };

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
  /** Every object a LIST hands over is slimmed already (`slimObject`): the store keeps it as it is. */
  readonly listsSlimmed?: boolean;
  /**
   * Lists the scope; `signal` aborts the request (a disposed watch must not hold a connection). With `onPage`, a
   * transport that pages may hand each page's items there as it arrives; the answer then holds only the items not
   * handed over.
   */
  list(
    scope: WatchScope,
    signal?: AbortSignal,
    onPage?: (items: KubeObject[]) => void,
  ): Promise<Result<ListAnswer, ApiFailure>>;
  /** Starts a watch from `resourceVersion`; dispose the handle to stop it (no onEnd then). */
  watch(scope: WatchScope, resourceVersion: string, handlers: WatchHandlers): IDisposable;
}

/** Objects per LIST page: kubectl's default chunk size. */
const LIST_PAGE = 500;

// Servers end watches at timeoutSeconds; client-go picks 5–10 min at random so reconnects do not align.
const watchTimeoutSeconds = (): number => 300 + Math.floor(Math.random() * 300);
// Silence well past timeoutSeconds means the connection died without a word (a half-open TCP connection).
const WATCH_IDLE_GRACE_MS = 60_000;

/** WATCH and LIST over the cluster's connection: failures classified by ClusterClient like every other request. */
export class ClusterWatchTransport implements WatchTransport {
  /**
   * `keep` is what a LIST's reader keeps of each object (the cache's slimming), applied as each item is parsed:
   * the parts left behind never outlive their item, so the collector never copies them. `keep` is the store's
   * slimming (`slimObject`): it drops managed fields, so with it each item is parsed without them, and the store does
   * not slim the listed objects again.
   */
  constructor(
    private readonly client: ClusterClient,
    private readonly pageSize = LIST_PAGE,
    private readonly keep?: (kind: WatchedKind, object: KubeObject) => KubeObject,
  ) {}

  get listsSlimmed(): boolean {
    return this.keep !== undefined;
  }

  get contextName(): string {
    return this.client.contextName;
  }

  get server(): string {
    return this.client.server;
  }

  /**
   * Lists in pages (LIST_PAGE objects unless told), as kubectl does: no single huge body to buffer and parse at once, and the server
   * answers other requests (the stack namespace's lists, watch events) between pages. The answer's version is the
   * first page's, as the API server gives it. A continuation expired mid-way (410) falls back to one unpaged list.
   * The next page is asked for as soon as this page's first bytes name its continue token (the API server writes
   * the list's metadata before its items), so the server prepares it while this one arrives and is parsed; one
   * page ahead at most, and it is dropped if the parsed answer names another token. With `onPage`, each page goes
   * there as soon as it is parsed.
   */
  async list(
    scope: WatchScope,
    signal?: AbortSignal,
    onPage?: (items: KubeObject[]) => void,
  ): Promise<Result<ListAnswer, ApiFailure>> {
    const items: KubeObject[] = [];
    let resourceVersion: string | undefined;
    let pending = this.ask(scope, undefined, signal);
    for (;;) {
      const early = await pending.early;
      const ahead = early === undefined ? undefined : this.ask(scope, early, signal);
      const page = await pending.answer;
      const token = page.ok ? page.value.continue : undefined;
      if (ahead && token !== early) ahead.abort();
      if (!page.ok && page.error.status === 410 && pending.token !== undefined) return this.page(scope, {}, signal);
      if (!page.ok) return page;
      if (onPage) onPage(page.value.items);
      else for (const item of page.value.items) items.push(item);
      resourceVersion ??= page.value.resourceVersion;
      if (token === undefined) return ok({ items, resourceVersion });
      pending = ahead && token === early ? ahead : this.ask(scope, token, signal);
    }
  }

  /** Asks for one page; `early` resolves with the continue token read from the answer's first bytes, if any. */
  private ask(scope: WatchScope, token: string | undefined, signal?: AbortSignal): PendingPage {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    let early: (token: string | undefined) => void = () => undefined;
    const earlyToken = new Promise<string | undefined>((resolve) => (early = resolve));
    const paging = { limit: this.pageSize, ...(token === undefined ? {} : { continue: token }) };
    const answer = this.page(scope, paging, controller.signal, (head) => early(continueInHead(head))).then(
      (page) => (early(undefined), signal?.removeEventListener('abort', abort), page),
    );
    return { token, answer, early: earlyToken, abort };
  }

  private async page(
    scope: WatchScope,
    paging: { limit?: number; continue?: string },
    signal?: AbortSignal,
    onBodyStart?: (head: Buffer) => void,
  ): Promise<Result<ListAnswer & { continue?: string }, ApiFailure>> {
    const info = WATCHED_KINDS[scope.kind];
    const query = { fieldSelector: fieldSelectorOf(scope.kind), ...paging };
    const keep = this.keep;
    // Each item says what it is (list items carry no apiVersion/kind) before it is slimmed.
    const mapItem = keep
      ? (item: unknown): unknown =>
          isRecord(item) && isRecord(item.metadata)
            ? keep(scope.kind, Object.assign(item, { apiVersion: info.apiVersion, kind: scope.kind }) as KubeObject)
            : item
      : undefined;
    const answer = await this.client.send(
      {
        method: 'GET',
        path: scopePath(scope),
        query,
        signal,
        onBodyStart,
        list: { mapItem, dropManagedFields: this.listsSlimmed },
      },
      describe('list', scope),
    );
    if (!answer.ok) return answer;
    const body = isRecord(answer.value.body) ? answer.value.body : {};
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    // List items carry no apiVersion/kind; put them back so every cached object says what it is. The items were
    // parsed for us alone: set in place, not copied (a 50,000-pod list is 50,000 copies otherwise).
    const items = itemsOf(body);
    for (const item of items) {
      item.apiVersion = info.apiVersion;
      item.kind = scope.kind;
    }
    const resourceVersion = typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined;
    const token = typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
    return ok({ items, resourceVersion, ...(token ? { continue: token } : {}) });
  }

  watch(scope: WatchScope, resourceVersion: string, handlers: WatchHandlers): IDisposable {
    const timeoutSeconds = watchTimeoutSeconds();
    const query = {
      watch: 'true',
      resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds,
      fieldSelector: fieldSelectorOf(scope.kind),
    };
    const abort = new AbortController();
    const stream = new WatchStream(scope, handlers);
    void this.client
      .stream(
        {
          method: 'GET',
          path: scopePath(scope),
          query,
          signal: abort.signal,
          idleTimeoutMs: timeoutSeconds * 1000 + WATCH_IDLE_GRACE_MS,
        },
        describe('watch', scope),
      )
      .then((opened) =>
        opened.ok
          ? stream.read(opened.value)
          : stream.end(opened.error.status === 410 ? { reason: 'gone' } : { reason: 'failed', failure: opened.error }),
      );
    return {
      dispose: () => {
        stream.stop();
        abort.abort();
      },
    };
  }

  /** The connection belongs to the session that made the client. */
  dispose(): void {}
}

/** A page asked for: its answer, and the continue token its first bytes named (undefined when they named none). */
interface PendingPage {
  readonly token: string | undefined;
  readonly answer: Promise<Result<ListAnswer & { continue?: string }, ApiFailure>>;
  readonly early: Promise<string | undefined>;
  abort(): void;
}

/**
 * The continue token in a List answer's first bytes, when its metadata comes before its items (the API server
 * writes kind, apiVersion and metadata first). Only a hint: the parsed answer's token is the one that counts.
 */
export function continueInHead(head: Buffer): string | undefined {
  const text = head.toString('latin1', 0, Math.min(head.length, 4096));
  const items = text.indexOf('"items":');
  if (items < 0) return undefined;
  const found = /"continue":"([^"\\]+)"/.exec(text.slice(0, items));
  return found?.[1];
}

function describe(verb: string, scope: WatchScope): RequestDescription {
  const info = WATCHED_KINDS[scope.kind];
  return { verb, plural: info.plural, group: groupOf(info.apiVersion), namespace: scope.namespace };
}

/** One watch response: JSON lines in, handler calls out, exactly one end. */
class WatchStream {
  private ended = false;
  private body: Readable | undefined;

  constructor(
    private readonly scope: WatchScope,
    private readonly handlers: WatchHandlers,
  ) {}

  read(body: Readable): void {
    this.body = body;
    if (this.ended) return void body.destroy();
    this.handlers.onOpen();
    const lines = createInterface({ input: body, crlfDelay: Infinity });
    lines.on('line', (line) => this.onLine(line));
    // readline re-emits the body's errors (a reset connection): without a listener they would crash the host.
    lines.on('error', (e: Error) => this.end({ reason: 'closed', detail: e.message }));
    body.on('error', (e) => this.end({ reason: 'closed', detail: e.message }));
    body.on('close', () => this.end({ reason: 'closed' }));
  }

  private onLine(line: string): void {
    if (this.ended || line === '') return;
    const event = parseJson(line);
    if (!isRecord(event) || !isRecord(event.object)) return;
    const { type, object } = event;
    if (type === 'ERROR')
      return this.end(object.code === 410 ? { reason: 'gone' } : { reason: 'closed', detail: String(object.message) });
    const rv =
      isRecord(object.metadata) && typeof object.metadata.resourceVersion === 'string'
        ? object.metadata.resourceVersion
        : undefined;
    if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
      const info = WATCHED_KINDS[this.scope.kind];
      object.apiVersion = info.apiVersion;
      object.kind = this.scope.kind;
      this.handlers.onEvent(type, object as KubeObject);
    }
    if (rv) this.handlers.onProgress(rv);
  }

  end(end: WatchEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.body?.destroy();
    this.handlers.onEnd(end);
  }

  /** Disposed by the watcher: no end is reported. */
  stop(): void {
    this.ended = true;
    this.body?.destroy();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
