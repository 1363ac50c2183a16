import uPlot from 'uplot';
import type { ChartSeries } from '../src/protocol/protocol';
import { axisWidth, formatTicks } from './ticks';

export { formatValue } from './chartValue';

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
    axes: [
      axis,
      { ...axis, values: (_u, ticks) => formatTicks(ticks, unit), size: (_u, values) => axisWidth(values ?? []) },
    ],
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
