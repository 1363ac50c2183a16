import { h } from './dom';
import { formatValue } from './chartValue';
import type { ChartSeries } from '../src/protocol/protocol';

/** The newest points the table lists: enough to read the trend, short enough to read out. */
const TABLE_ROWS = 20;

/** A chart's text alternative: its newest points as a table, one column per series. */
export function chartTable(title: string, series: readonly ChartSeries[], unit: string | undefined): HTMLTableElement {
  const times = [...new Set(series.flatMap((s) => s.times))].sort((a, b) => a - b).slice(-TABLE_ROWS);
  const valueAt = (s: ChartSeries, t: number): string => {
    const i = s.times.indexOf(t);
    return i < 0 ? '–' : formatValue(s.values[i] ?? null, unit) || '–';
  };
  return h(
    'table',
    { className: 'chart-table' },
    h('caption', { text: `${title}: the newest ${times.length} points` }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', text: 'Time' }),
        ...series.map((s) => h('th', { scope: 'col', text: s.name })),
      ),
    ),
    h(
      'tbody',
      {},
      ...times.map((t) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', text: new Date(t * 1000).toLocaleTimeString() }),
          ...series.map((s) => h('td', { text: valueAt(s, t) })),
        ),
      ),
    ),
  );
}

/** One sentence for the canvas's label: how many series, and each one's newest value. */
export function chartSummary(title: string, series: readonly ChartSeries[], unit: string | undefined): string {
  const latest = series.map((s) => `${s.name} ${formatValue(s.values.at(-1) ?? null, unit) || 'no value'}`);
  return `${title}, ${series.length} series. Newest: ${latest.join('; ')}`;
}
