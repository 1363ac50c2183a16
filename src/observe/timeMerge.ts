import type { LogLine } from './model';
import type { IDisposable } from '../util/disposable';

/** Nanosecond timestamps as digit strings: a shorter string is an earlier time, equal lengths compare as text. */
export function compareTs(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Merges lines from several streams (one per pod and container) into time order. Each stream sends its history in
 * one burst, one stream after another; lines are held for `windowMs` and delivered sorted by timestamp, so
 * history from several pods interleaves as it happened instead of arriving pod by pod. Live lines wait at most
 * `windowMs`.
 */
export class TimeMerge implements IDisposable {
  private pending: LogLine[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deliver: (lines: LogLine[]) => void,
    private readonly windowMs = 250,
  ) {}

  push(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    this.pending.push(...lines);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Delivers what is held now, in time order (stable: lines with the same timestamp keep their stream order). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending.sort((a, b) => compareTs(a.ts, b.ts));
    this.pending = [];
    this.deliver(lines);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
