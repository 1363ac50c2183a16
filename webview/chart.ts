import uPlot from 'uplot';
import type { ChartSeries } from '../src/protocol/protocol';

const PALETTE = ['blue', 'green', 'orange', 'purple', 'red', 'yellow'];

/** Theme colours for the canvas, which cannot read CSS variables itself. */
function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Prometheus series of one range query share the step, but not every series has every point: align them. */
export function alignSeries(series: readonly ChartSeries[]): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((s) => s.times))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const column: (number | null)[] = new Array<number | null>(times.length).fill(null);
    s.times.forEach((t, i) => (column[index.get(t) ?? 0] = s.values[i] ?? null));
    return column;
  });
  return [times, ...columns];
}

/** Draws (or redraws) a native time-series chart in `host`, sized to it, in the theme's colours. */
export function drawChart(
  host: HTMLElement,
  series: readonly ChartSeries[],
  unit: string | undefined,
  previous: uPlot | undefined,
): uPlot {
  previous?.destroy();
  const foreground = themeColour('--vscode-charts-foreground', themeColour('--vscode-foreground', '#888'));
  const grid = themeColour('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
  const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const options: uPlot.Options = {
    width: Math.max(200, host.clientWidth),
    height: 180,
    legend: { show: series.length <= 8 },
    // A lone point would otherwise stretch the axis over years.
    scales: { x: { time: true, range: (_u, min, max) => (min === max ? [min - 60, max + 60] : [min, max]) } },
    axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((v) => formatValue(v, unit)) }],
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.name,
        stroke: themeColour(`--vscode-charts-${PALETTE[i % PALETTE.length] ?? 'blue'}`, '#3794ff'),
        width: 1.5,
        spanGaps: false,
      })),
    ],
  };
  return new uPlot(options, alignSeries(series), host);
}

/** Enough of Grafana's units to read the stack's panels: rates, seconds, bytes. */
export function formatValue(value: number | null, unit: string | undefined): string {
  if (value === null) return '';
  if (unit === 'bytes')
    return value >= 1 << 20 ? `${(value / (1 << 20)).toFixed(1)} MiB` : `${(value / 1024).toFixed(0)} KiB`;
  if (unit === 's') return value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`;
  if (unit === 'reqps') return `${value.toFixed(2)} req/s`;
  if (unit === 'percentunit') return `${(value * 100).toFixed(0)}%`;
  return Math.abs(value) >= 1000 ? value.toExponential(1) : String(Number(value.toPrecision(3)));
}
