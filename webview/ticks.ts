// Axis tick labels: numbers with as many decimals as the step between ticks needs, then the unit. No DOM, no uPlot,
// so it is unit-tested on its own. (Before: every rate tick was `x.toFixed(2) req/s`, so small rates read
// "0.00 req/s" on every tick, and the axis, sized for five characters, cut the numbers off and showed only "req/s".)
import { formatValue } from './chartValue';

/** The fewest decimals (up to 6) that keep ticks `step` apart distinct: 0.25 → 2, 0.005 → 3, 20 → 0. */
export function decimalsForStep(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 2;
  for (let d = 0; d <= 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 6;
}

/** How a unit's values are written on an axis: a factor and a suffix; undefined where formatValue already fits. */
function axisUnit(unit: string | undefined, largest: number): { factor: number; suffix: string } | undefined {
  switch (unit) {
    case 'reqps':
      return { factor: 1, suffix: ' req/s' };
    case 'percentunit':
      return { factor: 100, suffix: '%' };
    case 's':
      return largest < 1 ? { factor: 1000, suffix: ' ms' } : { factor: 1, suffix: ' s' };
    case 'ms':
      return { factor: 1, suffix: ' ms' };
    case undefined:
    case '':
    case 'short':
      return largest >= 1000 ? undefined : { factor: 1, suffix: '' };
    default:
      return undefined;
  }
}

/** The labels of one axis's ticks (uPlot gives them all at once, evenly spaced). */
export function formatTicks(ticks: readonly number[], unit: string | undefined): string[] {
  const largest = Math.max(0, ...ticks.map(Math.abs));
  const axis = axisUnit(unit, largest);
  if (!axis) return ticks.map((t) => formatValue(t, unit));
  const steps = ticks.slice(1).map((t, i) => Math.abs(t - (ticks[i] ?? t)) * axis.factor);
  const decimals = decimalsForStep(steps.length > 0 ? Math.min(...steps) : largest * axis.factor);
  return ticks.map((t) => `${(t * axis.factor).toFixed(decimals)}${axis.suffix}`);
}

/** Pixels an axis needs for its widest label (a monospace-ish estimate: uPlot's default of 50 cut "0.05 req/s"). */
export function axisWidth(labels: readonly (string | null)[], charPx = 7): number {
  const longest = Math.max(1, ...labels.map((l) => (l ?? '').length));
  return Math.ceil(longest * charPx) + 18;
}
