import { clockTime, h, isJsonObject } from './dom';
import type { LogSourceInfo } from './logSources';
import type { LogStore, StoredLine } from './logStore';

const ROW_HEIGHT = 18;
const OVERSCAN = 10;
const MIN_RENDER_INTERVAL_MS = 50;
/** A row shows one line of text, cut with an ellipsis: beyond this many characters nothing more is visible, and
 * laying out a 100 kB line in every redraw would stall the list. The detail pane and copy have the whole line. */
const MAX_ROW_TEXT = 2000;

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
  index: number;
  seq: number;
  timestamps: boolean;
  selected: boolean;
  source: LogSourceInfo | undefined;
}

/**
 * A virtualized list: only the visible rows exist in the DOM (a fixed pool, repositioned), so 50,000
 * lines cost the same to draw as 50. Rendering happens at most once per animation frame, writes only what
 * changed, and never reads layout back after writing: the viewport's height and scroll position are kept
 * from the resize and scroll events.
 */
export class LogView {
  private readonly spacer = h('div', { className: 'log-spacer' });
  private readonly rows: Row[] = [];
  private dirty = false;
  follow = true;
  showTimestamps = true;
  private selectedSeq: number | undefined;
  private lastRender = 0;
  private height: number;
  private scrollTop = 0;
  /** The scroll position this view last set: a scroll event landing there is ours, not the user's. */
  private expectedTop: number | undefined;
  /** Rows to move the view by at the next redraw: + for history put in front, − for lines evicted. */
  private pendingShift = 0;
  private spacerHeight = 0;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly store: LogStore,
    private readonly options: LogViewOptions,
  ) {
    viewport.append(this.spacer);
    this.height = viewport.clientHeight;
    viewport.addEventListener('scroll', () => this.onScroll());
    viewport.addEventListener('click', (e) => this.onClick(e));
    new ResizeObserver(() => {
      this.height = viewport.clientHeight;
      this.invalidate();
    }).observe(viewport);
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
    this.selectedSeq = seq === this.selectedSeq ? undefined : seq;
    const index = this.selectedSeq === undefined ? -1 : this.selectedSeq - this.store.seqAt(0);
    this.options.onSelect(this.store.at(index));
    this.invalidate();
  }

  private render(): void {
    this.dirty = false;
    this.lastRender = performance.now();
    const total = this.store.size;
    const contentHeight = total * ROW_HEIGHT;
    const maxTop = Math.max(0, contentHeight - this.height);
    const top = this.follow ? maxTop : Math.min(maxTop, Math.max(0, this.scrollTop + this.pendingShift * ROW_HEIGHT));
    this.pendingShift = 0;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const count = Math.max(0, Math.min(total - first, Math.ceil(this.height / ROW_HEIGHT) + 2 * OVERSCAN));
    while (this.rows.length < count) this.rows.push(this.newRow());
    for (let i = 0; i < this.rows.length; i++) this.fillRow(this.rows[i]!, i < count ? first + i : -1);
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

  private newRow(): Row {
    const timeText = document.createTextNode('');
    const labelText = document.createTextNode('');
    const text = document.createTextNode('');
    const time = h('span', { className: 'log-time' }, timeText);
    const label = h('span', { className: 'log-source' }, labelText);
    const el = this.spacer.appendChild(
      h('div', { className: 'log-row' }, time, label, h('span', { className: 'log-text' }, text)),
    );
    return {
      el,
      time,
      timeText,
      label,
      labelText,
      text,
      index: -1,
      seq: Number.NaN,
      timestamps: true,
      selected: false,
      source: undefined,
    };
  }

  /** Shows line `index` in the row (-1: hides it), writing only what differs from what the row shows. */
  private fillRow(row: Row, index: number): void {
    if (index < 0) {
      if (!row.el.hidden) row.el.hidden = true;
      row.index = -1;
      row.seq = Number.NaN;
      return;
    }
    if (row.el.hidden) row.el.hidden = false;
    if (row.index !== index) {
      row.index = index;
      row.el.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    }
    const seq = this.store.seqAt(index);
    const selected = seq === this.selectedSeq;
    if (row.seq === seq && row.timestamps === this.showTimestamps) {
      if (row.selected !== selected) row.el.classList.toggle('selected', (row.selected = selected));
      return;
    }
    const text = this.store.textAt(index);
    row.seq = seq;
    row.selected = selected;
    row.el.className = `log-row level-${this.store.levelAt(index)}${isJsonObject(text) ? ' json' : ''}${selected ? ' selected' : ''}`;
    if (row.timestamps !== this.showTimestamps) {
      row.timestamps = this.showTimestamps;
      row.time.hidden = !this.showTimestamps;
    }
    row.timeText.data = this.showTimestamps ? clockTime(this.store.tsAt(index)) : '';
    const source = this.store.sourceAt(index);
    if (row.source !== source) {
      row.source = source;
      row.labelText.data = source.label;
      row.label.title = source.label;
      row.label.style.color = source.colour;
    }
    row.text.data = text.length > MAX_ROW_TEXT ? text.slice(0, MAX_ROW_TEXT) : text;
  }
}

export const LOG_ROW_HEIGHT = ROW_HEIGHT;
