// Values as the stack's Grafana panels write them; no DOM (unit-tested under Node).

/** Enough of Grafana's units to read the stack's panels: rates, seconds, bytes. */
export function formatValue(value: number | null, unit: string | undefined): string {
  if (value === null) return '';
  if (unit === 'bytes')
    return value >= 1 << 20 ? `${(value / (1 << 20)).toFixed(1)} MiB` : `${(value / 1024).toFixed(0)} KiB`;
  if (unit === 's') return value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`;
  // Small rates keep their digits (0.0042 req/s, not 0.00 req/s).
  if (unit === 'reqps')
    return `${value !== 0 && Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toFixed(2)} req/s`;
  if (unit === 'ms') return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
  if (unit === 'percentunit') return `${(value * 100).toFixed(0)}%`;
  return Math.abs(value) >= 1000 ? value.toExponential(1) : String(Number(value.toPrecision(3)));
}
