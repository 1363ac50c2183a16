import type uPlot from 'uplot';
import { drawChart } from './chart';
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
        const box = h('input', { type: 'checkbox', checked: this.selected.has(key) });
        box.addEventListener('change', () => {
          if (box.checked) this.selected.add(key);
          else this.selected.delete(key);
          this.options.onSelect([...this.selected]);
        });
        return h(
          'label',
          { className: 'panel-choice', title: p.exprs.join('\n') },
          box,
          `${p.dashboardTitle.replace(/^Starter Stack \/ /, '')} · ${p.title}`,
        );
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
    const host = h('div', { className: 'chart', text: 'loading…' });
    this.charts.set(view.key, {
      host,
      plot: undefined,
      unit: view.panel.unit,
      exprs: [...view.panel.exprs],
      series: [],
    });
    this.options.onChartQuery(view.key, [...view.panel.exprs]);
    return h('div', { className: 'panel' }, title, host, h('div', { className: 'panel-reason', text: view.reason }));
  }

  chartData(key: string, series: readonly ChartSeries[], error: string | null): void {
    const chart = this.charts.get(key);
    if (!chart) return;
    if (error !== null || series.length === 0) {
      chart.plot?.destroy();
      chart.plot = undefined;
      chart.host.textContent = error ?? 'no data';
      return;
    }
    chart.host.textContent = '';
    chart.series = series;
    chart.plot = drawChart(chart.host, series, chart.unit, chart.plot);
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
