import type { Logger } from '../util/log';
import { Disposable, type IDisposable } from '../util/disposable';
import type { HttpFailure } from './endpoint';
import type { LokiClient } from './loki/client';
import { compareNs, msToNs, shiftNs } from './loki/entries';
import { LokiTail, nowNs, type TailState } from './loki/tail';
import { textMatcher } from './logql';
import type { LogFilter, LogLine, LogSource } from './model';
import type { Endpoint } from './endpoint';

export type StreamStatus =
  'connecting' | 'history' | 'live' | 'paused' | 'reconnecting' | 'fallback' | 'stopped' | 'error';

export interface LogStreamEvents {
  history(lines: LogLine[], more: boolean): void;
  lines(lines: LogLine[]): void;
  dropped(count: number): void;
  status(state: StreamStatus, source: LogSource, message: string): void;
}

/** Starts the Kubernetes-API fallback; returns undefined when there is no cluster to ask either. */
export type FallbackFactory = (
  deliver: (lines: LogLine[]) => void,
  following: (pods: string[]) => void,
) => Promise<IDisposable | undefined>;

export interface LogStreamOptions {
  readonly query: string;
  /** Applied locally in the fallback, which has no LogQL. */
  readonly filter: LogFilter;
  readonly loki: LokiClient | undefined;
  /** Why there is no Loki client, as found when the panel looked for it ("… no endpoints available for service "loki""). */
  readonly lokiMissing?: string;
  readonly fallback: FallbackFactory | undefined;
  readonly historyLimit: number;
  /** How far back history and paging look (ms). */
  readonly lookbackMs: number;
  readonly tailRetries?: number;
  readonly tailRetryDelayMs?: number;
}

/** History first (query_range), then the live tail; falls back to the Kubernetes log API when Loki is absent or lost. */
export class LogStream extends Disposable {
  private tail: LokiTail | undefined;
  private fallbackHandle: IDisposable | undefined;
  private lastTs: string | undefined;
  /** History's lines of the millisecond the tail replays from: the tail's copies of them are dropped. */
  private readonly shownOnce = new Set<string>();
  private paused = false;
  private source: LogSource = 'none';

  constructor(
    private readonly options: LogStreamOptions,
    private readonly events: LogStreamEvents,
    private readonly log: Logger,
  ) {
    super();
    this._register({ dispose: () => this.stopSources() });
  }

  private get since(): string {
    return msToNs(Date.now() - this.options.lookbackMs);
  }

  async start(): Promise<void> {
    const loki = this.options.loki;
    if (!loki) return this.startFallback(this.options.lokiMissing ?? 'Loki is not configured or not deployed');
    this.events.status('history', 'loki', 'loading history');
    // History takes every line stamped up to the end of this millisecond; the tail replays from its start, and what
    // history already showed of this millisecond is dropped once. A line that reaches Loki between the history query
    // and the tail opening is then shown exactly once, whichever of the two finds it.
    const nowMs = Date.now();
    const page = await loki.page({
      query: this.options.query,
      since: this.since,
      before: msToNs(nowMs + 1),
      limit: this.options.historyLimit,
    });
    if (this.isDisposed) return;
    if (!page.ok) return this.lokiFailed(page.error);
    this.source = 'loki';
    const tailFrom = shiftNs(msToNs(nowMs), -1);
    const last = page.value.lines[page.value.lines.length - 1]?.ts;
    this.lastTs = last !== undefined && compareNs(last, tailFrom) < 0 ? last : tailFrom;
    for (const line of page.value.lines) if (compareNs(line.ts, tailFrom) > 0) this.shownOnce.add(lineKey(line));
    this.events.history(page.value.lines, page.value.more);
    if (!this.paused) this.openTail(loki.endpoint);
  }

  /** Older lines for the scroll-up; Loki only (the log API cannot page backwards). */
  async older(before: string): Promise<void> {
    const loki = this.options.loki;
    if (!loki || this.source !== 'loki') return this.events.history([], false);
    const page = await loki.page({
      query: this.options.query,
      before,
      since: this.since,
      limit: this.options.historyLimit,
    });
    if (this.isDisposed) return;
    if (page.ok) this.events.history(page.value.lines, page.value.more);
    else this.events.status('error', 'loki', `older lines: ${page.error.message}`);
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.tail?.dispose();
    this.tail = undefined;
    this.events.status('paused', this.source, 'paused');
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.source === 'loki' && this.options.loki) this.openTail(this.options.loki.endpoint);
    else this.events.status('fallback', this.source, 'following the Kubernetes log API');
  }

  private lokiFailed(failure: HttpFailure): Promise<void> {
    // A query error (400) is the user's to fix; anything else means Loki is not there.
    if (failure.status === 400) {
      this.events.status('error', 'loki', failure.message);
      return Promise.resolve();
    }
    return this.startFallback(`Loki unreachable (${failure.message})`);
  }

  private openTail(endpoint: Endpoint): void {
    const tail = new LokiTail(
      endpoint,
      {
        query: this.options.query,
        start: this.lastTs ?? nowNs(),
        maxRetries: this.options.tailRetries,
        retryDelayMs: this.options.tailRetryDelayMs,
      },
      {
        lines: (lines) => this.deliver(lines),
        dropped: (count) => this.events.dropped(count),
        state: (state, message) => this.tailState(state, message),
      },
    );
    this.tail = tail;
    tail.start();
  }

  private tailState(state: TailState, message: string): void {
    if (state === 'down') {
      this.tail?.dispose();
      this.tail = undefined;
      void this.startFallback(message);
      return;
    }
    this.events.status(state, 'loki', message);
  }

  private deliver(received: LogLine[]): void {
    const lines = this.shownOnce.size === 0 ? received : received.filter((l) => !this.shownOnce.delete(lineKey(l)));
    const last = lines[lines.length - 1];
    if (!last) return;
    if (this.lastTs === undefined || compareNs(last.ts, this.lastTs) > 0) this.lastTs = last.ts;
    this.events.lines(lines);
  }

  private async startFallback(reason: string): Promise<void> {
    this.source = 'kubernetes';
    this.log.info(`logs: ${reason}; using the Kubernetes log API`);
    const matcher = textMatcher(this.options.filter);
    const levels = this.options.filter.levels;
    const keep = (l: LogLine) =>
      (!matcher || matcher.test(l.line)) && (levels.length === 0 || levels.includes(l.level));
    const handle = await this.options.fallback?.(
      (lines) => !this.paused && this.deliver(lines.filter(keep)),
      (pods) =>
        this.events.status(
          'fallback',
          'kubernetes',
          `${reason}. Following ${pods.length} pod(s) through the Kubernetes log API: ${pods.join(', ')}`,
        ),
    );
    if (this.isDisposed) return handle?.dispose();
    this.fallbackHandle = handle;
    if (!handle) {
      this.source = 'none';
      this.events.status('stopped', 'none', `${reason}, and no cluster to read logs from`);
    }
  }

  private stopSources(): void {
    this.tail?.dispose();
    this.fallbackHandle?.dispose();
  }
}

const lineKey = (l: LogLine): string => `${l.ts}\u0000${l.line}`;
