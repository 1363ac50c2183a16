import type { LogLine } from './protocol';

/** A line in the webview's buffer with its position in the whole stream, which survives eviction. */
export interface StoredLine extends LogLine {
  readonly seq: number;
}

/**
 * The webview's bounded buffer: appends at the end, prepends older history, and evicts the oldest
 * lines beyond `capacity`, counting them together with what the host already dropped.
 */
export class LogStore {
  private lines: StoredLine[] = [];
  private head = 0;
  private nextSeq = 0;
  private firstSeq = 0;
  dropped = 0;
  /** Older history exists in Loki beyond what is loaded. */
  more = false;

  constructor(public capacity: number) {}

  get size(): number {
    return this.lines.length - this.head;
  }

  at(index: number): StoredLine | undefined {
    return this.lines[this.head + index];
  }

  oldest(): StoredLine | undefined {
    return this.at(0);
  }

  clear(): void {
    this.lines = [];
    this.head = 0;
    this.dropped = 0;
    this.more = false;
  }

  /** Returns how many lines were evicted from the front. */
  append(lines: readonly LogLine[], droppedUpstream: number): number {
    this.dropped += droppedUpstream;
    for (const line of lines) this.lines.push({ ...line, seq: this.nextSeq++ });
    const excess = this.size - this.capacity;
    if (excess <= 0) return 0;
    this.head += excess;
    this.dropped += excess;
    if (this.head > this.capacity) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return excess;
  }

  /** Older lines go in front (until the buffer is full: history never evicts what is newer). Returns how many went in. */
  prepend(lines: readonly LogLine[]): number {
    const room = Math.max(0, this.capacity - this.size);
    const taken = lines.slice(Math.max(0, lines.length - room));
    const stored = taken.map((line, i) => ({ ...line, seq: this.firstSeq - taken.length + i }));
    this.firstSeq -= taken.length;
    this.lines = [...stored, ...this.lines.slice(this.head)];
    this.head = 0;
    if (taken.length < lines.length) this.more = false;
    return taken.length;
  }
}
