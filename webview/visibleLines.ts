import type { LogLevel } from '../src/protocol/protocol';
import type { LogStore } from './logStore';

/**
 * Which of the buffer's lines the list shows: all of them, or those of the chosen levels and pod. Filtering here,
 * in the buffer, takes effect at once and keeps what was loaded: changing a level does not restart the stream, so
 * the counts do not jump. Without a filter it maps every index to itself and costs nothing per line.
 */
export class VisibleLines {
  private levels: ReadonlySet<LogLevel> = new Set();
  private pod = '';
  /** Stream positions (seq) of the matching lines, oldest first, from `head` on. */
  private seqs: number[] = [];
  private head = 0;

  constructor(private readonly store: LogStore) {}

  get active(): boolean {
    return this.levels.size > 0 || this.pod !== '';
  }

  get size(): number {
    return this.active ? this.seqs.length - this.head : this.store.size;
  }

  /** The buffer index of visible line `index`. */
  storeIndex(index: number): number {
    return this.active ? (this.seqs[this.head + index] ?? -1) - this.store.seqAt(0) : index;
  }

  /** The visible index of a stream position, or -1 when it is not shown. */
  indexOfSeq(seq: number): number {
    if (!this.active) return seq - this.store.seqAt(0);
    let lo = this.head;
    let hi = this.seqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.seqs[mid]!;
      if (at === seq) return mid - this.head;
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  setFilter(levels: readonly LogLevel[], pod: string): void {
    this.levels = new Set(levels);
    this.pod = pod;
    this.rebuild();
  }

  /** After `count` lines were appended and `evicted` dropped from the front: returns how many visible lines went. */
  appended(count: number, evicted: number): number {
    if (!this.active) return evicted;
    const size = this.store.size;
    for (let i = Math.max(0, size - count); i < size; i++) if (this.matches(i)) this.seqs.push(this.store.seqAt(i));
    return this.trim();
  }

  /** After `count` older lines went in front: returns how many of them are visible. */
  prepended(count: number): number {
    if (!this.active) return count;
    let shown = 0;
    for (let i = 0; i < count; i++) if (this.matches(i)) shown++;
    this.rebuild();
    return shown;
  }

  cleared(): void {
    this.seqs = [];
    this.head = 0;
  }

  private matches(index: number): boolean {
    if (this.levels.size > 0 && !this.levels.has(this.store.levelAt(index))) return false;
    return this.pod === '' || this.store.sourceAt(index).pod === this.pod;
  }

  private rebuild(): void {
    this.cleared();
    if (!this.active) return;
    for (let i = 0; i < this.store.size; i++) if (this.matches(i)) this.seqs.push(this.store.seqAt(i));
  }

  /** Drops positions evicted from the buffer; compacts now and then rather than shifting on every batch. */
  private trim(): number {
    const first = this.store.seqAt(0);
    const before = this.head;
    while (this.head < this.seqs.length && this.seqs[this.head]! < first) this.head++;
    const removed = this.head - before;
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
    return removed;
  }
}
