/** `5m`, `3h`, `2d` like kubectl's AGE column (the Cluster view and the CLI show the same ages). */
export function formatAge(from: string | undefined, now: number): string {
  if (!from) return '';
  const seconds = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  if (Number.isNaN(seconds)) return '';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
