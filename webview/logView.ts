import { clockTime, h, labelColour, prettyJson } from './dom';
import type { LogStore, StoredLine } from './logStore';

const ROW_HEIGHT = 18;
const OVERSCAN = 10;
const MIN_RENDER_INTERVAL_MS = 50;

export interface LogViewOptions {
  /** The user scrolled to the top: load older history. */
  onNearTop(): void;
  /** The user scrolled away from (or back to) the bottom. */
  onFollowChange(follow: boolean): void;
  onSelect(line: StoredLine | undefined): void;
}

/**
 * A virtualized list: only the visible rows exist in the DOM (a fixed pool, repositioned), so 50,000
 * lines cost the same to draw as 50. Rendering happens at most once per animation frame.
 */
export class LogView {
  private readonly spacer = h('div', { className: 'log-spacer' });
  private readonly rows: HTMLDivElement[] = [];
  private dirty = false;
  follow = true;
  showTimestamps = true;
  private selectedSeq: number | undefined;
  private programmaticScroll = false;
  private lastRender = 0;

  constructor(private readonly viewport: HTMLElement, private readonly store: LogStore, private readonly options: LogViewOptions) {
    viewport.append(this.spacer);
    viewport.addEventListener('scroll', () => this.onScroll());
    viewport.addEventListener('click', (e) => this.onClick(e));
    // A resize (the detail pane opening) scrolls the viewport; that is not the user leaving the bottom.
    new ResizeObserver(() => {
      this.programmaticScroll = this.follow;
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
    this.programmaticScroll = true;
    this.viewport.scrollTop += count * ROW_HEIGHT;
    this.invalidate();
  }

  /** Keeps the same lines on screen after the oldest were evicted (when not following). */
  shiftForEvicted(count: number): void {
    if (this.follow || count === 0) return;
    this.programmaticScroll = true;
    this.viewport.scrollTop = Math.max(0, this.viewport.scrollTop - count * ROW_HEIGHT);
  }

  private onScroll(): void {
    if (this.programmaticScroll) {
      this.programmaticScroll = false;
    } else {
      const atBottom = this.viewport.scrollTop + this.viewport.clientHeight >= this.viewport.scrollHeight - ROW_HEIGHT;
      if (atBottom !== this.follow) this.options.onFollowChange(atBottom);
      if (this.viewport.scrollTop < ROW_HEIGHT * 5) this.options.onNearTop();
    }
    this.invalidate();
  }

  private onClick(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.log-row');
    const seq = row?.dataset.seq === undefined ? undefined : Number(row.dataset.seq);
    this.selectedSeq = seq === this.selectedSeq ? undefined : seq;
    const index = seq === undefined ? -1 : Number(row?.dataset.index);
    this.options.onSelect(this.selectedSeq === undefined ? undefined : this.store.at(index));
    this.invalidate();
  }

  private render(): void {
    this.dirty = false;
    this.lastRender = performance.now();
    const total = this.store.size;
    this.spacer.style.height = `${total * ROW_HEIGHT}px`;
    if (this.follow) {
      this.programmaticScroll = this.viewport.scrollTop !== Math.max(0, total * ROW_HEIGHT - this.viewport.clientHeight);
      this.viewport.scrollTop = total * ROW_HEIGHT;
    }
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.min(total - first, Math.ceil(this.viewport.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN);
    while (this.rows.length < count) this.rows.push(this.spacer.appendChild(h('div', { className: 'log-row' })));
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i]!;
      const line = i < count ? this.store.at(first + i) : undefined;
      row.hidden = !line;
      if (line) this.fillRow(row, line, first + i);
    }
  }

  private fillRow(row: HTMLDivElement, line: StoredLine, index: number): void {
    row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    row.dataset.index = String(index);
    if (row.dataset.seq === String(line.seq) && row.dataset.ts === String(this.showTimestamps)) {
      row.classList.toggle('selected', line.seq === this.selectedSeq);
      return;
    }
    row.dataset.seq = String(line.seq);
    row.dataset.ts = String(this.showTimestamps);
    const json = prettyJson(line.line) !== undefined;
    row.className = `log-row level-${line.level}${json ? ' json' : ''}${line.seq === this.selectedSeq ? ' selected' : ''}`;
    // The row's three spans are made once and reused: only their text changes as lines scroll by.
    if (row.childElementCount !== 3) row.replaceChildren(h('span', { className: 'log-time' }), h('span', { className: 'log-source' }), h('span', { className: 'log-text' }));
    const [time, label, text] = [...row.children] as HTMLSpanElement[];
    const source = [line.pod, line.container].filter(Boolean).join('/');
    time!.textContent = this.showTimestamps ? clockTime(line.ts) : '';
    time!.hidden = !this.showTimestamps;
    label!.textContent = source;
    label!.title = source;
    label!.style.color = labelColour(line.pod ?? '');
    text!.textContent = line.line;
  }
}

export const LOG_ROW_HEIGHT = ROW_HEIGHT;
