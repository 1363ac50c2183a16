// The load test card: k6's request rate and p95 latency as a chart (two axes), its error rate in the figures and the
// table, beside the stack's charts. Shown only for a workload; says so plainly when no load test sends to it.
import uPlot from 'uplot';
import { h } from './dom';
import { formatValue } from './chartValue';
import { axisWidth, formatTicks } from './ticks';
import type { LoadSeries, LoadTestView } from '../src/protocol/protocol';

const TABLE_ROWS = 20;

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const percent = (v: number | null | undefined): string => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
const latest = (values: readonly (number | null)[]): number | null =>
  [...values].reverse().find((v) => v !== null) ?? null;

/** One sentence of the newest figures (the summary's once the test has ended), for sight and for screen readers. */
export function loadFigures(series: LoadSeries): string {
  const s = series.summary;
  if (s)
    return `End of test: ${s.requests} requests, ${formatValue(s.rps, 'reqps')}, p95 ${formatValue(s.p95Ms, 'ms')}, errors ${percent(s.errorRate)}`;
  const rps = latest(series.rps);
  const p95 = latest(series.p95Ms);
  return `Now: ${rps === null ? '– req/s' : formatValue(rps, 'reqps')}, p95 ${p95 === null ? '–' : formatValue(p95, 'ms')}, errors ${percent(latest(series.errorRate))}`;
}

function loadTable(series: LoadSeries): HTMLTableElement {
  const rows = series.times.map((t, i) => i).slice(-TABLE_ROWS);
  const cell = (v: number | null | undefined, unit: string) =>
    h('td', { text: v == null ? '–' : formatValue(v, unit) });
  return h(
    'table',
    { className: 'chart-table' },
    h('caption', { text: `Load test: the newest ${rows.length} points` }),
    h(
      'thead',
      {},
      h('tr', {}, ...['Time', 'Requests/s', 'p95 latency', 'Errors'].map((text) => h('th', { scope: 'col', text }))),
    ),
    h(
      'tbody',
      {},
      ...rows.map((i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', text: new Date((series.times[i] ?? 0) * 1000).toLocaleTimeString() }),
          cell(series.rps[i], 'reqps'),
          cell(series.p95Ms[i], 'ms'),
          h('td', { text: percent(series.errorRate[i]) }),
        ),
      ),
    ),
  );
}

export class LoadTestCard {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly host: HTMLElement;
  private readonly table: HTMLElement;
  private plot: uPlot | undefined;
  private series: LoadSeries | undefined;
  /** True once the host has sent load data (it does only for a workload). */
  seen = false;

  constructor() {
    this.status = h('div', { className: 'load-status', role: 'status' });
    this.figures = h('div', { className: 'load-figures' });
    this.host = h('div', { className: 'chart load-chart', role: 'img', 'aria-label': 'Load test: no data' });
    this.table = h('div', { className: 'chart-table-host', hidden: true });
    const toggle = h('vscode-button', { secondary: true, className: 'table-toggle', text: 'Show as table' });
    toggle.addEventListener('click', () => {
      this.table.hidden = !this.table.hidden;
      toggle.textContent = this.table.hidden ? 'Show as table' : 'Hide table';
    });
    this.element = h(
      'div',
      { className: 'panel load-panel', 'data-load-state': 'none' },
      h('div', { className: 'panel-title', text: 'Load test (k6)' }),
      this.status,
      this.figures,
      this.host,
      h(
        'div',
        { className: 'panel-footer' },
        h('span', { className: 'panel-reason', text: "From k6's output in its pod's log." }),
        toggle,
      ),
      this.table,
    );
  }

  update(view: LoadTestView): void {
    this.element.dataset.loadState = view.state;
    if (this.status.textContent !== view.message) this.status.textContent = view.message;
    const empty = view.series.times.length === 0;
    this.host.hidden = empty;
    this.figures.textContent = empty && !view.series.summary ? '' : loadFigures(view.series);
    if (empty) {
      this.plot?.destroy();
      this.plot = undefined;
      this.series = undefined;
      this.table.replaceChildren();
      return;
    }
    this.series = view.series;
    this.draw();
    this.host.setAttribute(
      'aria-label',
      `Load test chart, requests per second and p95 latency. ${loadFigures(view.series)}`,
    );
    this.table.replaceChildren(loadTable(view.series));
  }

  /** Redraws in the theme's colours (the canvas cannot follow CSS). */
  retheme(): void {
    if (this.series) this.draw();
  }

  private draw(): void {
    const series = this.series;
    if (!series) return;
    this.plot?.destroy();
    const foreground = themeColour('--vscode-charts-foreground', themeColour('--vscode-foreground', '#888'));
    const grid = themeColour('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
    const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const size = (_u: uPlot, values: string[] | null) => axisWidth(values ?? []);
    const options: uPlot.Options = {
      width: Math.max(200, this.host.clientWidth || this.element.clientWidth - 10),
      height: 180,
      scales: {
        x: { time: true, range: (_u, min, max) => (min === max ? [min - 60, max + 60] : [min, max]) },
        // From zero: a rate held at 200 req/s must not read as a swing between 199.98 and 200.00.
        rps: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.15)] },
        ms: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.15)] },
      },
      axes: [
        axis,
        { ...axis, scale: 'rps', values: (_u, ticks) => formatTicks(ticks, 'reqps'), size },
        { ...axis, scale: 'ms', side: 1, grid: { show: false }, values: (_u, ticks) => formatTicks(ticks, 'ms'), size },
      ],
      series: [
        {},
        { label: 'Requests/s', scale: 'rps', stroke: themeColour('--vscode-charts-blue', '#3794ff'), width: 1.5 },
        { label: 'p95 latency', scale: 'ms', stroke: themeColour('--vscode-charts-orange', '#d18616'), width: 1.5 },
      ],
    };
    this.plot = new uPlot(options, [[...series.times], [...series.rps], [...series.p95Ms]], this.host);
  }
}
