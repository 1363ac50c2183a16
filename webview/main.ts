// The observability panel's app: logs (virtualized, bounded) above, Grafana panels or native charts below.
// Every message from the host is validated before use; the state survives hide/restore via setState.
import 'uplot/dist/uPlot.min.css';
import { Announcer } from './announcer';
import { prettyJson } from './dom';
import { buildLayout, type Layout } from './layout';
import { LogStore, type StoredLine } from './logStore';
import { LoadTestCard } from './loadPanel';
import { LogView } from './logView';
import { PanelsArea } from './panels';
import { setPodChoices } from './podChoices';
import { summariseStatus } from './status';
import { VisibleLines } from './visibleLines';
import { levelLineFilter } from '../src/observe/logql';
import {
  assertNever,
  validateToWebview,
  type LogFilter,
  type PanelState,
  type StreamState,
  type ToWebview,
} from '../src/protocol/protocol';
import { vscodeApi } from './vscodeApi';

const vscode = vscodeApi();
const ui: Layout = buildLayout(document.getElementById('app') ?? document.body);
// Sized for the setting's default before the host says otherwise: no resize (a copy of every column) at start.
const store = new LogStore(50_000);
const lines = new VisibleLines(store);
let state: PanelState | undefined = vscode.getState();
let paused = false;
let loadingOlder = false;
let selected: StoredLine | undefined;

const view = new LogView(ui.viewport, store, lines, {
  onNearTop: () => requestOlder(),
  onFollowChange: (follow) => setFollow(follow),
  onSelect: (line) => showDetail(line),
  onRender: () => writeCounts(),
});
const loadCard = new LoadTestCard();
const announcer = new Announcer(ui.announcer, () => lines.size);
const panels = new PanelsArea(ui.picker, ui.panelGrid, ui.panelNote, {
  onSelect: (keys) => saveAndPost({ selectedPanels: keys }, { type: 'panels/select', keys, range: currentRange() }),
  onChartQuery: (key, exprs) => vscode.postMessage({ type: 'chart/query', key, exprs, range: currentRange() }),
});

function currentRange(): { from: string; to: string } {
  return { from: ui.range.value || 'now-1h', to: 'now' };
}

function chosenLevels(): LogFilter['levels'] {
  return [...ui.levels].filter(([, box]) => box.checked).map(([level]) => level);
}

function currentFilter(): LogFilter {
  return { text: ui.text.value, regex: ui.regex.checked, levels: chosenLevels() };
}

function saveAndPost(patch: Partial<PanelState>, message?: Parameters<typeof vscode.postMessage>[0]): void {
  if (state) {
    state = { ...state, ...patch };
    vscode.setState(state);
  }
  if (message) vscode.postMessage(message);
}

function setFollow(follow: boolean): void {
  view.follow = follow;
  ui.follow.checked = follow;
  view.invalidate();
}

function requestOlder(): void {
  const oldest = store.oldest();
  if (loadingOlder || !store.more || !oldest || store.size >= store.capacity) return;
  loadingOlder = true;
  vscode.postMessage({ type: 'logs/older', before: oldest.ts });
}

function showDetail(line: StoredLine | undefined): void {
  selected = line;
  ui.detail.hidden = !line;
  ui.detail.textContent = line ? (prettyJson(line.line) ?? line.line) : '';
  if (line) announcer.say(line.line.slice(0, 300));
}

let countsShown = '';
/** Written with the rows (at most ~20 times a second), so the count and the list always agree. */
function writeCounts(): void {
  const shown = `${lines.size.toLocaleString()} lines${lines.active ? ` (of ${store.size.toLocaleString()})` : ''}`;
  const text = `${shown}${store.dropped > 0 ? ` · dropped ${store.dropped.toLocaleString()}` : ''}`;
  if (text === countsShown) return;
  countsShown = text;
  ui.counts.textContent = text;
  ui.counts.classList.toggle('has-dropped', store.dropped > 0);
}

function setStatus(stateName: StreamState, message: string): void {
  ui.status.textContent = summariseStatus(message);
  ui.status.title = message;
  ui.status.dataset.state = stateName;
  paused = stateName === 'paused';
  ui.pause.textContent = paused ? 'Resume' : 'Pause';
}

/** Levels and the pod choice filter the buffer here, at once; the stream goes on unchanged. */
function applyLocalFilter(): void {
  lines.setFilter(chosenLevels(), ui.pods.value);
  view.showSource = ui.pods.value === '' && store.sources.size > 1;
  view.clearSelection();
  saveAndPost({ filter: currentFilter() });
}

let filterTimer: number | undefined;
/** The text filter narrows what Loki sends: the stream restarts with it (levels stay local, see above). */
function textFilterChanged(): void {
  window.clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => {
    const filter = currentFilter();
    saveAndPost({ filter }, { type: 'logs/query', query: '', filter: { ...filter, levels: [] }, raw: false });
  }, 300);
}

function init(message: Extract<ToWebview, { type: 'init' }>): void {
  store.capacity = message.bufferLines;
  state = {
    scope: message.scope,
    query: message.query,
    filter: message.filter,
    selectedPanels: message.selectedPanels,
    range: message.range,
  };
  vscode.setState(state);
  ui.query.value = message.query;
  ui.text.value = message.filter.text;
  ui.regex.checked = message.filter.regex;
  for (const [level, box] of ui.levels) box.checked = message.filter.levels.includes(level);
  ui.range.value = message.range.from;
  ui.pods.hidden = message.scope.pod !== undefined;
  lines.setFilter(message.filter.levels, '');
  panels.setSelected(message.selectedPanels);
  setExplore(message.exploreUnavailable);
  document.title = `Observe ${[message.scope.namespace, message.scope.workload, message.scope.pod].filter(Boolean).join('/')}`;
  ui.heading.textContent = document.title;
}

/** Still focusable when unavailable (aria-disabled, not disabled), so keyboard and screen-reader users reach the reason. */
function setExplore(unavailable: string | null): void {
  ui.explore.setAttribute('aria-disabled', String(unavailable !== null));
  ui.explore.classList.toggle('unavailable', unavailable !== null);
  ui.explore.title = unavailable ?? 'Open this query in Grafana Explore';
  ui.exploreReason.textContent = unavailable ?? '';
}

function appended(message: Extract<ToWebview, { type: 'logs/append' }>): void {
  const pods = store.sources.size;
  const evicted = store.append(message.lines, message.sources, message.dropped);
  view.shiftForEvicted(lines.appended(message.lines.length, evicted));
  announcer.linesArrived(message.lines.length);
  if (store.sources.size !== pods) sourcesChanged();
}

function sourcesChanged(): void {
  setPodChoices(ui.pods, store.sources.pods);
  view.showSource = ui.pods.value === '' && store.sources.size > 1;
}

function reset(query: string): void {
  store.clear();
  lines.cleared();
  sourcesChanged();
  ui.query.value = query;
  saveAndPost({ query });
  showDetail(undefined);
}

/** The load card leads the chart grid (the host sends load data only for a workload), whatever panels are chosen. */
function keepLoadCard(): void {
  if (!loadCard.seen) return;
  if (ui.panelGrid.firstElementChild !== loadCard.element) ui.panelGrid.prepend(loadCard.element);
}

function onMessage(message: ToWebview): void {
  switch (message.type) {
    case 'init':
      return init(message);
    case 'logs/reset':
      reset(message.query);
      break;
    case 'logs/append':
      appended(message);
      break;
    case 'logs/history':
      loadingOlder = false;
      store.more = message.more;
      view.shiftForPrepended(lines.prepended(store.prepend(message.lines, message.sources)));
      sourcesChanged();
      break;
    case 'logs/status':
      return setStatus(message.state, message.message);
    case 'panels/list':
      return panels.list(message.panels, message.note);
    case 'panels/set':
      panels.show(message.views);
      return keepLoadCard();
    case 'chart/data':
      return panels.chartData(message.key, message.series, message.error);
    case 'load/data':
      // In the grid first, so the chart is drawn at the card's width.
      loadCard.seen = true;
      keepLoadCard();
      return loadCard.update(message.view);
    default:
      assertNever(message);
  }
  view.invalidate();
}

const actions = {
  pause: () => vscode.postMessage({ type: paused ? 'logs/resume' : 'logs/pause' }),
  follow: () => setFollow(!view.follow),
  clear: () => {
    store.clear();
    lines.cleared();
    view.clearSelection();
  },
  runRaw: () =>
    saveAndPost(
      { query: ui.query.value },
      { type: 'logs/query', query: ui.query.value, filter: { ...currentFilter(), levels: [] }, raw: true },
    ),
  explore: () => {
    if (ui.explore.getAttribute('aria-disabled') === 'true') return;
    // The levels filter only the buffer here; Explore gets them as part of the query.
    const levels = levelLineFilter(chosenLevels());
    const query = levels ? `${ui.query.value} ${levels}` : ui.query.value;
    vscode.postMessage({ type: 'openExplore', query, range: currentRange() });
  },
};

/** Alt+P pause/resume, Alt+F follow, Alt+C clear (named in the tooltips). By code: Alt changes the key on macOS. */
function onShortcut(e: KeyboardEvent): void {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const action = ({ KeyP: actions.pause, KeyF: actions.follow, KeyC: actions.clear } as Record<string, () => void>)[
    e.code
  ];
  if (!action) return;
  e.preventDefault();
  action();
}

function wireControls(): void {
  ui.text.addEventListener('input', textFilterChanged);
  ui.regex.addEventListener('change', textFilterChanged);
  for (const box of ui.levels.values()) box.addEventListener('change', applyLocalFilter);
  ui.pods.addEventListener('change', applyLocalFilter);
  ui.runQuery.addEventListener('click', actions.runRaw);
  ui.query.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) actions.runRaw();
  });
  ui.pause.addEventListener('click', actions.pause);
  ui.follow.addEventListener('change', () => setFollow(ui.follow.checked));
  ui.timestamps.addEventListener('change', () => {
    view.showTimestamps = ui.timestamps.checked;
    view.invalidate();
  });
  ui.wrap.addEventListener('change', () => (view.wrap = ui.wrap.checked));
  ui.clear.addEventListener('click', actions.clear);
  ui.copy.addEventListener('click', () => {
    if (selected) vscode.postMessage({ type: 'copy', text: selected.line });
  });
  ui.explore.addEventListener('click', actions.explore);
  ui.range.addEventListener('change', () =>
    saveAndPost(
      { range: currentRange() },
      { type: 'panels/select', keys: [...(state?.selectedPanels ?? [])], range: currentRange() },
    ),
  );
  document.addEventListener('keydown', onShortcut);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Only the host speaks to us: VS Code posts from the webview's own origin (its host frame). The pages embedded
  // in the panels (Grafana, through the gateway) are another origin, and may post anything.
  if (event.origin !== window.origin) return;
  const checked = validateToWebview(event.data);
  if (checked.ok) onMessage(checked.message);
  else
    vscode.postMessage({
      type: 'log',
      level: 'warn',
      message: `webview ignored a malformed message: ${checked.reason}`,
    });
});
window.addEventListener('error', (e) =>
  vscode.postMessage({ type: 'log', level: 'error', message: `webview error: ${e.message}` }),
);
window.setInterval(() => panels.requery(), 30_000);
// VS Code switches themes by changing the body's class and the variables on <html>: charts are redrawn in the new colours.
let rethemeQueued = false;
const themeObserver = new MutationObserver(() => {
  if (rethemeQueued) return;
  rethemeQueued = true;
  requestAnimationFrame(() => {
    rethemeQueued = false;
    panels.retheme();
    loadCard.retheme();
  });
});
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
wireControls();
// The handshake: the host posts nothing before this, so no message is lost while the script loads.
vscode.postMessage({ type: 'ready', state: state ?? null });
