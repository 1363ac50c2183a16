// The observability panel's app: logs (virtualized, bounded) above, Grafana panels or native charts below.
// Every message from the host is validated before use; the state survives hide/restore via setState.
import 'uplot/dist/uPlot.min.css';
import { prettyJson } from './dom';
import { buildLayout, type Layout } from './layout';
import { LogStore, type StoredLine } from './logStore';
import { LogView } from './logView';
import { PanelsArea } from './panels';
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
const store = new LogStore(50_000);
let state: PanelState | undefined = vscode.getState();
let paused = false;
let loadingOlder = false;
let selected: StoredLine | undefined;

const view = new LogView(ui.viewport, store, {
  onNearTop: () => requestOlder(),
  onFollowChange: (follow) => setFollow(follow),
  onSelect: (line) => showDetail(line),
  onRender: () => writeCounts(),
});
const panels = new PanelsArea(ui.picker, ui.panelGrid, ui.panelNote, {
  onSelect: (keys) => saveAndPost({ selectedPanels: keys }, { type: 'panels/select', keys, range: currentRange() }),
  onChartQuery: (key, exprs) => vscode.postMessage({ type: 'chart/query', key, exprs, range: currentRange() }),
});

function currentRange(): { from: string; to: string } {
  return { from: ui.range.value, to: 'now' };
}

function currentFilter(): LogFilter {
  const levels = [...ui.levels].filter(([, box]) => box.checked).map(([level]) => level);
  return { text: ui.text.value, regex: ui.regex.checked, levels };
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
}

let countsShown = '';
/** Written with the rows (at most ~20 times a second), so the count and the list always agree. */
function writeCounts(): void {
  const text = `${store.size.toLocaleString()} lines${store.dropped > 0 ? ` · dropped ${store.dropped.toLocaleString()}` : ''}`;
  if (text === countsShown) return;
  countsShown = text;
  ui.counts.textContent = text;
  ui.counts.classList.toggle('has-dropped', store.dropped > 0);
}

function setStatus(stateName: StreamState, message: string): void {
  ui.status.textContent = message;
  ui.status.dataset.state = stateName;
  paused = stateName === 'paused';
  ui.pause.textContent = paused ? 'Resume' : 'Pause';
}

let filterTimer: number | undefined;
function filterChanged(): void {
  window.clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => {
    const filter = currentFilter();
    saveAndPost({ filter }, { type: 'logs/query', query: '', filter, raw: false });
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
  panels.setSelected(message.selectedPanels);
  // Still focusable (aria-disabled, not disabled), so keyboard and screen-reader users can reach the reason.
  ui.explore.setAttribute('aria-disabled', String(message.exploreUnavailable !== null));
  ui.explore.title = message.exploreUnavailable ?? 'Open this query in Grafana Explore';
  document.title = `Observe ${[message.scope.namespace, message.scope.workload, message.scope.pod].filter(Boolean).join('/')}`;
}

function onMessage(message: ToWebview): void {
  switch (message.type) {
    case 'init':
      return init(message);
    case 'logs/reset':
      store.clear();
      ui.query.value = message.query;
      saveAndPost({ query: message.query });
      showDetail(undefined);
      break;
    case 'logs/append':
      view.shiftForEvicted(store.append(message.lines, message.sources, message.dropped));
      break;
    case 'logs/history':
      loadingOlder = false;
      store.more = message.more;
      view.shiftForPrepended(store.prepend(message.lines, message.sources));
      break;
    case 'logs/status':
      return setStatus(message.state, message.message);
    case 'panels/list':
      return panels.list(message.panels, message.note);
    case 'panels/set':
      return panels.show(message.views);
    case 'chart/data':
      return panels.chartData(message.key, message.series, message.error);
    default:
      assertNever(message);
  }
  view.invalidate();
}

function wireControls(): void {
  ui.text.addEventListener('input', filterChanged);
  ui.regex.addEventListener('change', filterChanged);
  for (const box of ui.levels.values()) box.addEventListener('change', filterChanged);
  const runRaw = () =>
    saveAndPost(
      { query: ui.query.value },
      { type: 'logs/query', query: ui.query.value, filter: currentFilter(), raw: true },
    );
  ui.runQuery.addEventListener('click', runRaw);
  ui.query.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) runRaw();
  });
  ui.pause.addEventListener('click', () => vscode.postMessage({ type: paused ? 'logs/resume' : 'logs/pause' }));
  ui.follow.addEventListener('change', () => setFollow(ui.follow.checked));
  ui.timestamps.addEventListener('change', () => {
    view.showTimestamps = ui.timestamps.checked;
    view.invalidate();
  });
  ui.clear.addEventListener('click', () => {
    store.clear();
    view.invalidate();
  });
  ui.copy.addEventListener('click', () => {
    if (selected) vscode.postMessage({ type: 'copy', text: selected.line });
  });
  ui.explore.addEventListener('click', () => {
    if (ui.explore.getAttribute('aria-disabled') !== 'true')
      vscode.postMessage({ type: 'openExplore', query: ui.query.value, range: currentRange() });
  });
  ui.range.addEventListener('change', () =>
    saveAndPost(
      { range: currentRange() },
      { type: 'panels/select', keys: [...(state?.selectedPanels ?? [])], range: currentRange() },
    ),
  );
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
  });
});
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
wireControls();
// The handshake: the host posts nothing before this, so no message is lost while the script loads.
vscode.postMessage({ type: 'ready', state: state ?? null });
