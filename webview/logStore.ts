import { LOG_LEVELS, type LogLevel, type LogLine } from '../src/observe/model';
import { SourceTable, type LogSourceInfo } from './logSources';
import type { LogSourceName, LogTuple } from '../src/protocol/logWire';

/** A line in the webview's buffer with its position in the whole stream, which survives eviction. */
export interface StoredLine extends LogLine {
  readonly seq: number;
}

/**
 * The webview's bounded buffer: a ring of columns (no object per line, nothing shifted or spliced), filled from
 * the wire's tuples. Appends at the end, prepends older history, and evicts the oldest lines beyond `capacity`,
 * counting them together with what the host already dropped.
 */
export class LogStore {
  private ts: string[] = [];
  private text: string[] = [];
  private source = new Uint32Array(0);
  private level = new Uint8Array(0);
  /** Ring slot of the oldest line. */
  private start = 0;
  private count = 0;
  /** Stream position of the oldest line. */
  private firstSeq = 0;
  private cap = 0;
  readonly sources = new SourceTable();
  dropped = 0;
  /** Older history exists in Loki beyond what is loaded. */
  more = false;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get capacity(): number {
    return this.cap;
  }

  /** Resizing keeps the newest lines; the ones that no longer fit count as dropped. */
  set capacity(value: number) {
    const cap = Math.max(1, Math.floor(value));
    if (cap === this.cap) return;
    const keep = Math.min(this.count, cap);
    const skip = this.count - keep;
    const ts = filled(cap);
    const text = filled(cap);
    const source = new Uint32Array(cap);
    const level = new Uint8Array(cap);
    for (let i = 0; i < keep; i++) {
      const from = this.slot(skip + i);
      ts[i] = this.ts[from]!;
      text[i] = this.text[from]!;
      source[i] = this.source[from]!;
      level[i] = this.level[from]!;
    }
    this.ts = ts;
    this.text = text;
    this.source = source;
    this.level = level;
    this.cap = cap;
    this.start = 0;
    this.count = keep;
    this.firstSeq += skip;
    this.dropped += skip;
  }

  get size(): number {
    return this.count;
  }

  private slot(index: number): number {
    const slot = this.start + index;
    return slot >= this.cap ? slot - this.cap : slot;
  }

  /** The line at `index` (0 = oldest) as an object; the list reads the columns below instead. */
  at(index: number): StoredLine | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const { pod, container } = this.sourceAt(index);
    return {
      seq: this.seqAt(index),
      ts: this.tsAt(index),
      line: this.textAt(index),
      level: this.levelAt(index),
      ...(pod ? { pod } : {}),
      ...(container ? { container } : {}),
    };
  }

  seqAt(index: number): number {
    return this.firstSeq + index;
  }

  tsAt(index: number): string {
    return this.ts[this.slot(index)] ?? '0';
  }

  textAt(index: number): string {
    return this.text[this.slot(index)] ?? '';
  }

  levelAt(index: number): LogLevel {
    return LOG_LEVELS[this.level[this.slot(index)] ?? 0] ?? 'unknown';
  }

  sourceAt(index: number): LogSourceInfo {
    return this.sources.get(this.source[this.slot(index)] ?? 0);
  }

  oldest(): StoredLine | undefined {
    return this.at(0);
  }

  clear(): void {
    // Past every position used so far, with room for a full buffer of history in front: no line after a
    // clear shares a position with one before it.
    this.firstSeq += this.count + this.cap;
    this.start = 0;
    this.count = 0;
    // Let go of the old strings now rather than when their slots are reused.
    this.ts.fill('');
    this.text.fill('');
    this.sources.clear();
    this.dropped = 0;
    this.more = false;
  }

  /** Returns how many stored lines were evicted from the front. */
  append(lines: readonly LogTuple[], names: readonly LogSourceName[], droppedUpstream: number): number {
    this.dropped += droppedUpstream;
    const ids = this.sources.intern(names);
    let from = 0;
    let evicted = 0;
    if (lines.length >= this.cap) {
      // The batch alone fills the buffer: everything stored goes, and so do the batch's own oldest lines.
      from = lines.length - this.cap;
      evicted = this.count;
      this.firstSeq += this.count + from;
      this.dropped += this.count + from;
      this.start = 0;
      this.count = 0;
    }
    for (let i = from; i < lines.length; i++) {
      let slot: number;
      if (this.count < this.cap) {
        slot = this.slot(this.count++);
      } else {
        slot = this.start;
        this.start = this.slot(1);
        this.firstSeq++;
        this.dropped++;
        evicted++;
      }
      this.write(slot, lines[i]!, ids);
    }
    return evicted;
  }

  /** Older lines go in front (until the buffer is full: history never evicts what is newer). Returns how many went in. */
  prepend(lines: readonly LogTuple[], names: readonly LogSourceName[]): number {
    const ids = this.sources.intern(names);
    const taken = Math.min(lines.length, this.cap - this.count);
    for (let i = lines.length - 1; i >= lines.length - taken; i--) {
      this.start = this.start === 0 ? this.cap - 1 : this.start - 1;
      this.count++;
      this.firstSeq--;
      this.write(this.start, lines[i]!, ids);
    }
    if (taken < lines.length) this.more = false;
    return taken;
  }

  private write(slot: number, line: LogTuple, ids: readonly number[]): void {
    this.ts[slot] = line[0];
    this.text[slot] = line[1];
    this.source[slot] = ids[line[2]] ?? 0;
    this.level[slot] = line[3];
  }
}

/** A packed array of `length` empty strings (`new Array(n)` would be holey, and sparse for large n). */
function filled(length: number): string[] {
  const array: string[] = [];
  for (let i = 0; i < length; i++) array.push('');
  return array;
}
