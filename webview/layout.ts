import { h } from './dom';
import { LOG_LEVELS, type LogLevel } from '../src/protocol/protocol';

/** The panel's elements, built once; main.ts wires them. */
export interface Layout {
  readonly query: HTMLTextAreaElement;
  readonly runQuery: HTMLButtonElement;
  readonly text: HTMLInputElement;
  readonly regex: HTMLInputElement;
  readonly levels: ReadonlyMap<LogLevel, HTMLInputElement>;
  readonly pause: HTMLButtonElement;
  readonly follow: HTMLInputElement;
  readonly timestamps: HTMLInputElement;
  readonly clear: HTMLButtonElement;
  readonly copy: HTMLButtonElement;
  readonly explore: HTMLButtonElement;
  readonly status: HTMLElement;
  readonly counts: HTMLElement;
  readonly viewport: HTMLElement;
  readonly detail: HTMLPreElement;
  readonly range: HTMLSelectElement;
  readonly picker: HTMLElement;
  readonly panelGrid: HTMLElement;
  readonly panelNote: HTMLElement;
}

const RANGES: ReadonlyArray<[string, string]> = [
  ['now-15m', 'Last 15 minutes'],
  ['now-1h', 'Last hour'],
  ['now-6h', 'Last 6 hours'],
  ['now-24h', 'Last 24 hours'],
];

function button(text: string, title: string): HTMLButtonElement {
  return h('button', { type: 'button', text, title });
}

function check(label: string, checked: boolean): [HTMLInputElement, HTMLLabelElement] {
  const input = h('input', { type: 'checkbox', checked });
  return [input, h('label', { className: 'check' }, input, label)];
}

export function buildLayout(root: HTMLElement): Layout {
  const query = h('textarea', { className: 'query', rows: 1, spellcheck: 'false', 'aria-label': 'LogQL query' });
  const text = h('input', { type: 'search', placeholder: 'Filter text', 'aria-label': 'Filter text' });
  const [regex, regexLabel] = check('.*', false);
  regexLabel.title = 'Regular expression';
  const levels = new Map(LOG_LEVELS.filter((l) => l !== 'unknown').map((l) => [l, check(l, false)] as const));
  const [follow, followLabel] = check('Follow', true);
  const [timestamps, timestampsLabel] = check('Time', true);
  const parts = {
    query,
    text,
    regex,
    follow,
    timestamps,
    runQuery: button('Run', 'Run this LogQL as written (Ctrl+Enter)'),
    levels: new Map([...levels].map(([l, [input]]) => [l, input])),
    pause: button('Pause', 'Stop streaming; resume picks up where it stopped'),
    clear: button('Clear', 'Clear the lines shown'),
    copy: button('Copy', 'Copy the selected line (or all shown lines)'),
    explore: button('Explore', 'Open this query in Grafana Explore'),
    status: h('span', { className: 'status', role: 'status' }),
    counts: h('span', { className: 'counts' }),
    viewport: h('div', { className: 'log-viewport', tabindex: 0, role: 'log', 'aria-label': 'Log lines' }),
    detail: h('pre', { className: 'detail', hidden: true }),
    range: h(
      'select',
      { 'aria-label': 'Time range' },
      ...RANGES.map(([value, label]) => h('option', { value, text: label })),
    ),
    picker: h('div', { className: 'panel-picker' }),
    panelGrid: h('div', { className: 'panel-grid' }),
    panelNote: h('div', { className: 'panel-note' }),
  };
  root.replaceChildren(
    h(
      'section',
      { className: 'logs' },
      h('div', { className: 'toolbar' }, parts.query, parts.runQuery),
      h(
        'div',
        { className: 'toolbar' },
        text,
        regexLabel,
        ...[...levels.values()].map(([, label]) => label),
        parts.pause,
        followLabel,
        timestampsLabel,
        parts.clear,
        parts.copy,
        parts.explore,
      ),
      h('div', { className: 'statusbar' }, parts.status, parts.counts),
      parts.viewport,
      parts.detail,
    ),
    h(
      'section',
      { className: 'panels' },
      h(
        'details',
        { open: true },
        h('summary', { text: 'Panels' }),
        h('div', { className: 'toolbar' }, parts.range, parts.panelNote),
        parts.picker,
      ),
      parts.panelGrid,
    ),
  );
  return parts;
}
