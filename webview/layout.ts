import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeCollapsible } from '@vscode-elements/elements/dist/vscode-collapsible/vscode-collapsible.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextarea } from '@vscode-elements/elements/dist/vscode-textarea/vscode-textarea.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { h } from './dom';
import './elements';
import { LOG_LEVELS, type LogLevel } from '../src/protocol/protocol';

/** The panel's elements, built once; main.ts wires them. */
export interface Layout {
  readonly query: VscodeTextarea;
  readonly runQuery: VscodeButton;
  readonly text: VscodeTextfield;
  readonly regex: VscodeCheckbox;
  readonly levels: ReadonlyMap<LogLevel, VscodeCheckbox>;
  readonly pods: VscodeSingleSelect;
  readonly pause: VscodeButton;
  readonly follow: VscodeCheckbox;
  readonly timestamps: VscodeCheckbox;
  readonly wrap: VscodeCheckbox;
  readonly clear: VscodeButton;
  readonly copy: VscodeButton;
  readonly explore: VscodeButton;
  readonly exploreReason: HTMLElement;
  readonly heading: HTMLElement;
  readonly status: HTMLElement;
  readonly counts: HTMLElement;
  readonly announcer: HTMLElement;
  readonly viewport: HTMLElement;
  readonly detail: HTMLPreElement;
  readonly charts: VscodeCollapsible;
  readonly range: VscodeSingleSelect;
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

/** The shortcuts main.ts binds, as the tooltips name them. */
export const SHORTCUTS = { pause: 'Alt+P', follow: 'Alt+F', clear: 'Alt+C' } as const;

function button(id: string, text: string, title: string): VscodeButton {
  return h('vscode-button', { id, secondary: true, title, text });
}

function check(id: string, label: string, checked: boolean, title?: string): VscodeCheckbox {
  const box = h('vscode-checkbox', { id, label, title });
  box.checked = checked;
  return box;
}

function textarea(label: string): VscodeTextarea {
  const area = h('vscode-textarea', { className: 'query', rows: 1, spellcheck: 'false', monospace: true });
  // A property only (no attribute): it labels the inner <textarea>.
  area.label = label;
  return area;
}

function select(id: string, label: string, options: ReadonlyArray<[string, string]>): VscodeSingleSelect {
  return h(
    'vscode-single-select',
    { id, label, title: label },
    ...options.map(([value, text]) => h('vscode-option', { value, text })),
  );
}

function controls(): Omit<
  Layout,
  'heading' | 'status' | 'counts' | 'announcer' | 'viewport' | 'detail' | 'exploreReason'
> {
  return {
    query: textarea('LogQL query'),
    runQuery: button('run-query', 'Run', 'Run this LogQL as written (Ctrl+Enter)'),
    text: h('vscode-textfield', {
      className: 'filter-text',
      type: 'search',
      placeholder: 'Filter text',
      label: 'Filter text',
    }),
    regex: check('regex', 'Regex', false, 'Filter text is a regular expression'),
    levels: new Map(
      LOG_LEVELS.filter((l) => l !== 'unknown').map((l) => [l, check(`level-${l}`, l, false, `Show ${l} lines`)]),
    ),
    pods: select('pods', 'Pods shown', [['', 'All pods']]),
    pause: button('pause', 'Pause', `Stop streaming; resume picks up where it stopped (${SHORTCUTS.pause})`),
    follow: check('follow', 'Follow', true, `Keep the newest line in view (${SHORTCUTS.follow})`),
    timestamps: check('timestamps', 'Time', true, 'Show each line’s time'),
    wrap: check('wrap', 'Wrap', false, 'Wrap long lines instead of cutting them'),
    clear: button('clear', 'Clear', `Clear the lines shown (${SHORTCUTS.clear})`),
    copy: button('copy', 'Copy', 'Copy the selected line'),
    explore: h('vscode-button', { id: 'explore', title: 'Open this query in Grafana Explore', text: 'Explore' }),
    charts: h('vscode-collapsible', { className: 'charts', heading: 'Charts', open: true }),
    range: select('range', 'Time range', RANGES),
    picker: h('div', { className: 'panel-picker', role: 'group', 'aria-label': 'Charts to show' }),
    panelGrid: h('div', { className: 'panel-grid' }),
    panelNote: h('div', { className: 'panel-note' }),
  };
}

export function buildLayout(root: HTMLElement): Layout {
  const parts = {
    ...controls(),
    exploreReason: h('span', { id: 'explore-reason', className: 'visually-hidden' }),
    heading: h('h1', { className: 'visually-hidden', text: 'Observe' }),
    status: h('span', { className: 'status', role: 'status' }),
    counts: h('span', { className: 'counts' }),
    // New lines are summarised here, a few at a time, never read out one by one.
    announcer: h('div', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
    viewport: h('div', {
      className: 'log-viewport',
      tabindex: 0,
      role: 'region',
      'aria-label': 'Log lines (arrow keys select a line, Escape clears the selection)',
    }),
    detail: h('pre', { className: 'detail', hidden: true, tabindex: 0, 'aria-label': 'Selected line' }),
  };
  parts.explore.setAttribute('aria-describedby', 'explore-reason');
  const levels = [...parts.levels.values()];
  parts.charts.append(h('div', { className: 'toolbar' }, parts.range, parts.panelNote), parts.picker, parts.panelGrid);
  root.replaceChildren(
    h(
      'main',
      { className: 'logs', 'aria-label': 'Logs' },
      parts.heading,
      h('div', { className: 'toolbar', role: 'toolbar', 'aria-label': 'Query' }, parts.query, parts.runQuery),
      h(
        'div',
        { className: 'toolbar', role: 'group', 'aria-label': 'Filters' },
        parts.text,
        parts.regex,
        h('span', { className: 'levels', role: 'group', 'aria-label': 'Levels' }, ...levels),
        parts.pods,
      ),
      h(
        'div',
        { className: 'toolbar', role: 'group', 'aria-label': 'Log actions' },
        parts.pause,
        parts.follow,
        parts.timestamps,
        parts.wrap,
        parts.clear,
        parts.copy,
        parts.explore,
        parts.exploreReason,
      ),
      h('div', { className: 'statusbar' }, parts.status, parts.counts),
      parts.viewport,
      parts.detail,
      parts.announcer,
    ),
    h('section', { className: 'panels', 'aria-label': 'Charts' }, parts.charts),
  );
  return parts;
}
