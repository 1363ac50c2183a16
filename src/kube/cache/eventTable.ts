import type { KubeObject } from '../objects';
import { eventView, sortEvents } from './appRelations';

const formatSince = (iso: string | undefined, now: number): string => {
  if (!iso) return '?';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '?';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  return seconds < 172800 ? `${Math.floor(seconds / 3600)}h` : `${Math.floor(seconds / 86400)}d`;
};

/** Events as `kubectl get events` prints them, warnings first: a plain-text table for a read-only document. */
export function eventTable(title: string, events: readonly KubeObject[], now: number): string {
  const rows = sortEvents(events.map(eventView)).map((e) => [
    formatSince(e.lastSeen, now),
    e.type,
    e.reason,
    String(e.count),
    `${e.object.kind}/${e.object.name}`,
    e.message.replace(/\s+/g, ' '),
  ]);
  if (rows.length === 0) return `${title}\n\nNo Events: the API server keeps them for about an hour.\n`;
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'COUNT', 'OBJECT', 'MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < 5 ? (r[i] ?? '').length : 0))));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < 5 ? c.padEnd(widths[i] ?? 0) : c)).join('  ');
  return `${title}\n\n${[header, ...rows].map(line).join('\n')}\n`;
}
