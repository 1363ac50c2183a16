import { clockTime, h, isJsonObject } from './dom';
import type { LogSourceInfo } from './logSources';
import type { LogStore, StoredLine } from './logStore';
import type { VisibleLines } from './visibleLines';

const ROW_HEIGHT = 18;
const OVERSCAN = 10;
const MIN_RENDER_INTERVAL_MS = 50;
/** A row shows at most this many characters (cut, or wrapped over several rows): laying out a 100 kB line in every
 * redraw would stall the list. The detail pane and copy have the whole line. */
const MAX_ROW_TEXT = 2000;
/** Characters the time column takes (`HH:MM:SS.mmm` and its margin), and the source label's widest. */
const TIME_CHARS = 13;
const LABEL_CHARS = 23;
const ROW_PADDING_PX = 16 + 16;

export interface LogViewOptions {
  /** The user scrolled to the top: load older history. */
  onNearTop(): void;
  /** The user scrolled away from (or back to) the bottom. */
  onFollowChange(follow: boolean): void;
  onSelect(line: StoredLine | undefined): void;
  /** After every redraw: for what is drawn alongside the list (its counts). */
  onRender(): void;
}

/** One pooled row: its element, the text nodes it writes into, and what it shows now (to skip unchanged writes). */
interface Row {
  readonly el: HTMLDivElement;
  readonly time: HTMLSpanElement;
  readonly timeText: Text;
  readonly label: HTMLSpanElement;
  readonly labelText: Text;
  readonly text: Text;
  top: number;
  rows: number;
  seq: number;
  timestamps: boolean;
  sourceShown: boolean;
  selected: boolean;
  source: LogSourceInfo | undefined;
}

/** Where each visible line starts, in rows, when long lines wrap: `starts[i]`, and `starts[size]` is the total. */
type RowStarts = Int32Array;

/**
 * A virtualized list: only the visible rows exist in the DOM (a fixed pool, repositioned), so 50,000
 * lines cost the same to draw as 50. Rendering happens at most once per animation frame, writes only what
 * changed, and never reads layout back after writing: the viewport's size and scroll position are kept
 * from the resize and scroll events. With Wrap on, a line takes as many rows as its characters need at the
 * monospace width (measured once, when Wrap is first turned on).
 */
export class LogView {
  private readonly spacer = h('div', { className: 'log-spacer' });
  private readonly rows: Row[] = [];
  private dirty = false;
  follow = true;
  showTimestamps = true;
  showSource = true;
  private wrapLines = false;
  private charWidth = 0;
  private selectedSeq: number | undefined;
  /** A visible line to bring into view at the next redraw (keyboard selection). */
  private reveal: number | undefined;
  private lastRender = 0;
  private height = 0;
  private width = 0;
  private scrollTop = 0;
  /** The scroll position this view last set: a scroll event landing there is ours, not the user's. */
  private expectedTop: number | undefined;
  /** Lines to move the view by at the next redraw: + for history put in front, − for lines evicted. */
  private pendingShift = 0;
  private spacerHeight = 0;
  /** The one-time work before the first lines (see prepareWhenIdle) is scheduled. */
  private prepared = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly store: LogStore,
    private readonly lines: VisibleLines,
    private readonly options: LogViewOptions,
  ) {
    viewport.append(this.spacer);
    viewport.addEventListener('scroll', () => this.onScroll());
    viewport.addEventListener('click', (e) => this.onClick(e));
    viewport.addEventListener('keydown', (e) => this.onKey(e));
    // The size arrives with the first observation, after the first layout: nothing is measured before it.
    new ResizeObserver(([entry]) => {
      this.height = entry?.contentRect.height ?? 0;
      this.width = entry?.contentRect.width ?? 0;
      if (!this.prepared && this.height > 0) this.prepareWhenIdle();
      this.invalidate();
    }).observe(viewport);
  }

  /**
   * Does the list's one-time work while the panel waits for its first lines, not in the frame that shows them:
   * the pool of rows for the viewport's height (hidden until used), and one row laid out off screen in the rows'
   * font and classes (the font loaded, its glyphs shaped, the rows' styles resolved), which also gives the
   * character width Wrap needs. Its layout read happens while nothing else waits to be laid out.
   */
  private prepareWhenIdle(): void {
    this.prepared = true;
    const run = () => {
      const rows = Math.ceil(this.height / ROW_HEIGHT) + 2 * OVERSCAN;
      while (this.rows.length < rows) this.newRow();
      if (this.charWidth === 0) this.charWidth = this.measureCharWidth();
    };
    requestIdleCallback(run, { timeout: 500 });
  }

  get wrap(): boolean {
    return this.wrapLines;
  }

  set wrap(on: boolean) {
    this.wrapLines = on;
    this.viewport.classList.toggle('wrap', on);
    if (on && this.charWidth === 0) this.charWidth = this.measureCharWidth();
    this.invalidate();
  }

  invalidate(): void {
    if (this.dirty) return;
    this.dirty = true;
    // At most ~20 redraws a second: at thousands of lines a second, painting every frame starves the
    // message handling; 50 ms is still smooth to read.
    const wait = Math.max(0, this.lastRender + MIN_RENDER_INTERVAL_MS - performance.now());
    window.setTimeout(() => requestAnimationFrame(() => this.render()), wait);
  }

  /** Keeps the same lines on screen after older lines were put in front. */
  shiftForPrepended(count: number): void {
    this.pendingShift += count;
    this.invalidate();
  }

  /** Keeps the same lines on screen after the oldest were evicted (when not following). */
  shiftForEvicted(count: number): void {
    if (this.follow || count === 0) return;
    this.pendingShift -= count;
  }

  /** Forgets the selection (the buffer was cleared or refiltered). */
  clearSelection(): void {
    this.selectedSeq = undefined;
    this.options.onSelect(undefined);
    this.invalidate();
  }

  private onScroll(): void {
    const top = this.viewport.scrollTop;
    this.scrollTop = top;
    // A resize may also move the view; judging it by the position (at the bottom of what is drawn, or not)
    // is right for both.
    if (this.expectedTop === undefined || Math.abs(top - this.expectedTop) > 1) {
      this.expectedTop = undefined;
      const atBottom = top + this.height >= this.spacerHeight - ROW_HEIGHT;
      if (atBottom !== this.follow) this.options.onFollowChange(atBottom);
      if (top < ROW_HEIGHT * 5) this.options.onNearTop();
    }
    this.invalidate();
  }

  private onClick(event: MouseEvent): void {
    const el = (event.target as HTMLElement).closest<HTMLElement>('.log-row');
    const row = this.rows.find((r) => r.el === el);
    const seq = row && !row.el.hidden ? row.seq : undefined;
    this.select(seq === this.selectedSeq ? undefined : seq);
  }

  /** Arrow keys move the selection line by line (the detail pane follows), Escape clears it. */
  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.selectedSeq !== undefined) {
      event.preventDefault();
      return this.select(undefined);
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const size = this.lines.size;
    if (size === 0) return;
    const current = this.selectedSeq === undefined ? -1 : this.lines.indexOfSeq(this.selectedSeq);
    const next =
      current < 0
        ? Math.min(size - 1, Math.floor((this.scrollTop + this.height / 2) / ROW_HEIGHT))
        : Math.max(0, Math.min(size - 1, current + (event.key === 'ArrowDown' ? 1 : -1)));
    if (this.follow && next < size - 1) this.options.onFollowChange(false);
    this.reveal = next;
    this.select(this.store.seqAt(this.lines.storeIndex(next)));
  }

  private select(seq: number | undefined): void {
    this.selectedSeq = seq;
    const index = seq === undefined ? -1 : seq - this.store.seqAt(0);
    this.options.onSelect(this.store.at(index));
    this.invalidate();
  }

  private render(): void {
    this.dirty = false;
    this.lastRender = performance.now();
    const total = this.lines.size;
    const starts = this.wrapLines ? this.rowStarts(total) : undefined;
    const contentHeight = (starts ? starts[total]! : total) * ROW_HEIGHT;
    const top = this.nextTop(contentHeight, starts);
    const firstRow = Math.floor(top / ROW_HEIGHT);
    const first = Math.max(0, (starts ? lineAtRow(starts, firstRow) : firstRow) - OVERSCAN);
    const count = Math.max(0, Math.min(total - first, Math.ceil(this.height / ROW_HEIGHT) + 2 * OVERSCAN));
    while (this.rows.length < count) this.newRow();
    for (let i = 0; i < this.rows.length; i++) this.fillRow(this.rows[i]!, i < count ? first + i : -1, starts);
    if (contentHeight !== this.spacerHeight) {
      this.spacerHeight = contentHeight;
      this.spacer.style.height = `${contentHeight}px`;
    }
    // Written last, after everything else: one layout for the whole redraw.
    if (top !== this.scrollTop) {
      this.scrollTop = top;
      this.expectedTop = top;
      this.viewport.scrollTop = top;
    }
    this.options.onRender();
  }

  /** Where the view stands this redraw: at the bottom when following, else kept (shifted, or moved to a selection). */
  private nextTop(contentHeight: number, starts: RowStarts | undefined): number {
    const maxTop = Math.max(0, contentHeight - this.height);
    let top = this.follow ? maxTop : Math.min(maxTop, Math.max(0, this.scrollTop + this.pendingShift * ROW_HEIGHT));
    this.pendingShift = 0;
    if (this.reveal !== undefined) {
      const lineTop = (starts ? (starts[this.reveal] ?? 0) : this.reveal) * ROW_HEIGHT;
      if (lineTop < top) top = lineTop;
      else if (lineTop + ROW_HEIGHT > top + this.height) top = Math.min(maxTop, lineTop + ROW_HEIGHT - this.height);
      this.reveal = undefined;
    }
    return top;
  }

  /** Rows per visible line at the current width, summed: only with Wrap on (an O(lines) pass per redraw). */
  private rowStarts(total: number): RowStarts {
    const perRow = Math.max(10, Math.floor((this.width - ROW_PADDING_PX) / Math.max(1, this.charWidth)));
    const prefix = (this.showTimestamps ? TIME_CHARS : 0) + (this.showSource ? LABEL_CHARS : 0);
    const starts = new Int32Array(total + 1);
    for (let i = 0; i < total; i++) {
      const chars = prefix + Math.min(MAX_ROW_TEXT, this.store.textAt(this.lines.storeIndex(i)).length);
      starts[i + 1] = starts[i]! + Math.max(1, Math.ceil(chars / perRow));
    }
    return starts;
  }

  /** Lays out a row like the list's own (time, source, a JSON line) off screen, and reads the width of one character. */
  private measureCharWidth(): number {
    const measured = h('span', { text: 'x'.repeat(100) });
    const probe = h(
      'div',
      { className: 'log-row log-measure level-info json' },
      h('span', { className: 'log-time', text: '00:00:00.000' }),
      h('span', { className: 'log-source', text: 'pod-0/container' }),
      h('span', {
        className: 'log-text',
        text: '{"level":"info","msg":"GET /api/items?id=42","status":200,"ms":12.5}',
      }),
      measured,
    );
    this.viewport.append(probe);
    const width = measured.getBoundingClientRect().width / 100;
    probe.remove();
    return width || 7;
  }

  private newRow(): Row {
    const timeText = document.createTextNode('');
    const labelText = document.createTextNode('');
    const text = document.createTextNode('');
    const time = h('span', { className: 'log-time' }, timeText);
    const label = h('span', { className: 'log-source' }, labelText);
    const el = this.spacer.appendChild(
      h('div', { className: 'log-row', hidden: true }, time, label, h('span', { className: 'log-text' }, text)),
    );
    const row: Row = {
      el,
      time,
      timeText,
      label,
      labelText,
      text,
      top: -1,
      rows: 1,
      seq: Number.NaN,
      timestamps: true,
      sourceShown: true,
      selected: false,
      source: undefined,
    };
    this.rows.push(row);
    return row;
  }

  /** Shows visible line `index` in the row (-1: hides it), writing only what differs from what the row shows. */
  private fillRow(row: Row, index: number, starts: RowStarts | undefined): void {
    if (index < 0) {
      if (!row.el.hidden) row.el.hidden = true;
      row.top = -1;
      row.seq = Number.NaN;
      return;
    }
    if (row.el.hidden) row.el.hidden = false;
    this.placeRow(row, starts ? starts[index]! : index, starts ? starts[index + 1]! - starts[index]! : 1);
    const at = this.lines.storeIndex(index);
    const seq = this.store.seqAt(at);
    const selected = seq === this.selectedSeq;
    if (row.seq === seq && row.timestamps === this.showTimestamps && row.sourceShown === this.showSource) {
      if (row.selected !== selected) row.el.classList.toggle('selected', (row.selected = selected));
      return;
    }
    const text = this.store.textAt(at);
    row.seq = seq;
    row.selected = selected;
    row.el.className = `log-row level-${this.store.levelAt(at)}${isJsonObject(text) ? ' json' : ''}${selected ? ' selected' : ''}`;
    if (row.timestamps !== this.showTimestamps) row.time.hidden = !(row.timestamps = this.showTimestamps);
    if (row.sourceShown !== this.showSource) row.label.hidden = !(row.sourceShown = this.showSource);
    row.timeText.data = this.showTimestamps ? clockTime(this.store.tsAt(at)) : '';
    const source = this.store.sourceAt(at);
    if (row.source !== source) {
      row.source = source;
      row.labelText.data = source.label;
      row.label.title = source.label;
      row.label.style.color = source.colour;
    }
    row.text.data = text.length > MAX_ROW_TEXT ? text.slice(0, MAX_ROW_TEXT) : text;
  }

  private placeRow(row: Row, topRow: number, rows: number): void {
    if (row.top !== topRow) {
      row.top = topRow;
      row.el.style.transform = `translateY(${topRow * ROW_HEIGHT}px)`;
    }
    if (row.rows !== rows) {
      row.rows = rows;
      row.el.style.height = `${rows * ROW_HEIGHT}px`;
    }
  }
}

/** The visible line that covers row `row` (binary search over the row starts). */
function lineAtRow(starts: RowStarts, row: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export const LOG_ROW_HEIGHT = ROW_HEIGHT;
