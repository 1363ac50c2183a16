import type uPlot from 'uplot';
import { drawChart } from './chart';
import { chartSummary, chartTable } from './chartTable';
import { h } from './dom';
import type { ChartSeries, PanelRef, PanelView } from '../src/protocol/protocol';

export interface PanelsOptions {
  onSelect(keys: string[]): void;
  onChartQuery(key: string, exprs: string[]): void;
}

export const panelKeyOf = (p: PanelRef): string => `${p.dashboardUid}/${p.panelId}`;

/** The panel picker (provisioned dashboards' panels for the scope) and the chosen panels: iframes or native charts. */
export class PanelsArea {
  private selected = new Set<string>();
  private readonly charts = new Map<
    string,
    {
      host: HTMLElement;
      title: string;
      table: HTMLElement;
      toggle: HTMLElement;
      plot: uPlot | undefined;
      unit: string | undefined;
      exprs: string[];
      series: readonly ChartSeries[];
    }
  >();

  constructor(
    private readonly picker: HTMLElement,
    private readonly grid: HTMLElement,
    private readonly note: HTMLElement,
    private readonly options: PanelsOptions,
  ) {}

  setSelected(keys: readonly string[]): void {
    this.selected = new Set(keys);
  }

  list(panels: readonly PanelRef[], note: string): void {
    this.note.textContent = note;
    this.picker.replaceChildren(
      ...panels.map((p) => {
        const key = panelKeyOf(p);
        const label = `${p.dashboardTitle.replace(/^Starter Stack \/ /, '')} · ${p.title}`;
        const box = h('vscode-checkbox', { className: 'panel-choice', label, title: p.exprs.join('\n') });
        box.checked = this.selected.has(key);
        box.addEventListener('change', () => {
          if (box.checked) this.selected.add(key);
          else this.selected.delete(key);
          this.options.onSelect([...this.selected]);
        });
        return box;
      }),
    );
  }

  show(views: readonly PanelView[]): void {
    for (const chart of this.charts.values()) chart.plot?.destroy();
    this.charts.clear();
    this.grid.replaceChildren(...views.map((view) => this.viewElement(view)));
  }

  private viewElement(view: PanelView): HTMLElement {
    const title = h('div', { className: 'panel-title', text: view.panel.title });
    if (view.kind === 'iframe') {
      // The gateway is the only frame-src the CSP allows; the token rides in the URL's path.
      return h(
        'div',
        { className: 'panel' },
        title,
        h('iframe', {
          src: view.url,
          title: view.panel.title,
          sandbox: 'allow-scripts allow-same-origin allow-popups',
          loading: 'lazy',
        }),
      );
    }
    const host = h('div', {
      className: 'chart',
      role: 'img',
      'aria-label': `${view.panel.title}: loading`,
      text: 'loading…',
    });
    const table = h('div', { className: 'chart-table-host', hidden: true });
    const toggle = h('vscode-button', { secondary: true, className: 'table-toggle', text: 'Show as table' });
    toggle.addEventListener('click', () => {
      table.hidden = !table.hidden;
      toggle.textContent = table.hidden ? 'Show as table' : 'Hide table';
    });
    this.charts.set(view.key, {
      host,
      title: view.panel.title,
      table,
      toggle,
      plot: undefined,
      unit: view.panel.unit,
      exprs: [...view.panel.exprs],
      series: [],
    });
    this.options.onChartQuery(view.key, [...view.panel.exprs]);
    return h(
      'div',
      { className: 'panel' },
      title,
      host,
      h('div', { className: 'panel-footer' }, h('span', { className: 'panel-reason', text: view.reason }), toggle),
      table,
    );
  }

  chartData(key: string, series: readonly ChartSeries[], error: string | null): void {
    const chart = this.charts.get(key);
    if (!chart) return;
    if (error !== null || series.length === 0) {
      chart.plot?.destroy();
      chart.plot = undefined;
      chart.host.textContent = error ?? 'no data';
      chart.host.setAttribute('aria-label', `${chart.title}: ${error ?? 'no data'}`);
      chart.table.replaceChildren();
      return;
    }
    chart.host.textContent = '';
    chart.series = series;
    chart.plot = drawChart(chart.host, series, chart.unit, chart.plot);
    chart.host.setAttribute('aria-label', chartSummary(chart.title, series, chart.unit));
    chart.table.replaceChildren(chartTable(chart.title, series, chart.unit));
  }

  /** Redraws every chart from the data it shows, in the colours of the theme now in force (the canvas cannot follow CSS). */
  retheme(): void {
    for (const chart of this.charts.values())
      if (chart.plot) chart.plot = drawChart(chart.host, chart.series, chart.unit, chart.plot);
  }

  /** Asks again for every native chart (a new time range, or the periodic refresh). */
  requery(): void {
    for (const [key, chart] of this.charts) this.options.onChartQuery(key, chart.exprs);
  }
}
