import { Disposable, toDisposable } from '../util/disposable';
import type { LogLine } from './model';

export interface BatcherOptions {
  /** Most lines held while waiting to be delivered; beyond it the oldest are dropped and counted. */
  readonly maxPending: number;
  /** How often a batch goes out (ms). 50 ms keeps the list smooth without a message per line. */
  readonly intervalMs?: number;
  /** Most lines per delivered batch. */
  readonly maxBatch?: number;
}

/** Delivers one batch; resolves when the receiver took it (so slow receivers apply backpressure). */
export type BatchSink = (lines: LogLine[], dropped: number) => Promise<unknown>;

/**
 * Collects lines from any source and hands them on in batches, never holding more than `maxPending`:
 * at high rates the host drops the oldest undelivered lines and reports how many, instead of growing.
 */
export class LineBatcher extends Disposable {
  private pending: LogLine[] = [];
  private head = 0;
  private dropped = 0;
  private inFlight = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: BatchSink,
    private readonly options: BatcherOptions,
  ) {
    super();
    this.schedule(this.interval);
    this._register(toDisposable(() => clearTimeout(this.timer)));
  }

  private get interval(): number {
    return this.options.intervalMs ?? 50;
  }

  private get maxBatch(): number {
    return this.options.maxBatch ?? 5000;
  }

  /**
   * One batch per interval while the receiver keeps up. Behind (a full batch still waiting), the next batch goes
   * out as soon as the last was taken: a fixed cadence of `maxBatch` per interval would cap the rate there and
   * never catch up after a hiccup, and a fixed timer would also skip a tick whenever a delivery ran long.
   */
  private schedule(delay: number): void {
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    try {
      await this.flush();
    } catch {
      // The receiver is gone or failed; its owner disposes of us. Keep the cadence until then.
    }
    if (this.isDisposed) return;
    this.schedule(this.size >= this.maxBatch ? 0 : Math.max(0, this.interval - (Date.now() - started)));
  }

  get size(): number {
    return this.pending.length - this.head;
  }

  push(lines: readonly LogLine[]): void {
    if (this.isDisposed) return;
    for (const line of lines) this.pending.push(line);
    const excess = this.size - this.options.maxPending;
    if (excess > 0) {
      this.head += excess;
      this.dropped += excess;
    }
    // Compact now and then rather than shifting on every drop.
    if (this.head > this.options.maxPending) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  /** Counts lines lost before they reached us (e.g. Loki's tail dropped them). */
  addDropped(count: number): void {
    this.dropped += count;
  }

  async flush(): Promise<void> {
    if (this.inFlight || this.isDisposed || (this.size === 0 && this.dropped === 0)) return;
    const end = Math.min(this.pending.length, this.head + this.maxBatch);
    const batch = this.pending.slice(this.head, end);
    this.head = end;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
    const dropped = this.dropped;
    this.dropped = 0;
    this.inFlight = true;
    try {
      await this.sink(batch, dropped);
    } finally {
      this.inFlight = false;
    }
  }
}
