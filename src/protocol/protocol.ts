// The ONE message protocol between the observability webview and the editor host. Both sides import it,
// switch on `type` with an exhaustiveness check, and validate every incoming message with the checks below.
import type { ChartSeries, LoadTestView, LogFilter, LogSource, PanelRef, Scope, TimeRange } from '../observe/model';
import { LOG_LEVELS } from '../observe/model';
import { logBatch, type LogSourceName, type LogTuple } from './logWire';
import { all, arrayOf, bool, num, numOrNull, object, oneOf, optional, str, union, type Check } from './schema';

export type {
  ChartSeries,
  LoadSeries,
  LoadSummary,
  LoadTestView,
  LogFilter,
  LogLine,
  LogLevel,
  LogSource,
  PanelRef,
  Scope,
  TimeRange,
} from '../observe/model';
export { LOG_LEVELS } from '../observe/model';
export type { LogBatch, LogSourceName, LogTuple } from './logWire';

/** Where the log stream stands, shown in the status line. */
export type StreamState =
  'connecting' | 'history' | 'live' | 'paused' | 'reconnecting' | 'fallback' | 'stopped' | 'error';

/** How a chosen panel is shown: Grafana's d-solo page in an iframe, or a native chart of its PromQL. */
export type PanelView =
  | { kind: 'iframe'; key: string; panel: PanelRef; url: string }
  | { kind: 'chart'; key: string; panel: PanelRef; reason: string };

/** What the webview remembers across hide/restore (getState/setState) and the serializer revives. */
export interface PanelState {
  readonly scope: Scope;
  readonly query: string;
  readonly filter: LogFilter;
  readonly selectedPanels: readonly string[];
  readonly range: TimeRange;
}

export type ToWebview =
  | {
      type: 'init';
      scope: Scope;
      query: string;
      filter: LogFilter;
      bufferLines: number;
      theme: 'light' | 'dark';
      gatewayOrigin: string | null;
      selectedPanels: string[];
      range: TimeRange;
      exploreUnavailable: string | null;
    }
  // Lines travel as compact tuples (see logWire.ts); `dropped` counts lines the host had to drop.
  | { type: 'logs/append'; lines: LogTuple[]; sources: LogSourceName[]; dropped: number }
  | { type: 'logs/history'; lines: LogTuple[]; sources: LogSourceName[]; more: boolean }
  | { type: 'logs/reset'; query: string }
  | { type: 'logs/status'; state: StreamState; source: LogSource; message: string }
  | { type: 'panels/list'; panels: PanelRef[]; note: string }
  | { type: 'panels/set'; views: PanelView[] }
  | { type: 'chart/data'; key: string; series: ChartSeries[]; error: string | null }
  // The load test on the scope's workload (k6's figures), or why there is none; sent only for a workload scope.
  | { type: 'load/data'; view: LoadTestView };

export type FromWebview =
  | { type: 'ready'; state: PanelState | null }
  | { type: 'logs/query'; query: string; filter: LogFilter; raw: boolean }
  | { type: 'logs/pause' }
  | { type: 'logs/resume' }
  | { type: 'logs/older'; before: string }
  | { type: 'panels/select'; keys: string[]; range: TimeRange }
  | { type: 'chart/query'; key: string; exprs: string[]; range: TimeRange }
  | { type: 'copy'; text: string }
  | { type: 'openExplore'; query: string; range: TimeRange }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

const MAX_TEXT = 1_000_000;
const boundedStr: Check = (v, p) =>
  str(v, p) ?? ((v as string).length > MAX_TEXT ? `${p}: longer than ${MAX_TEXT}` : undefined);
const scope = object({ namespace: str, workload: optional(str), pod: optional(str) });
const level = oneOf(LOG_LEVELS);
const filter = object({ text: boundedStr, regex: bool, levels: arrayOf(level, LOG_LEVELS.length) });
const range = object({ from: str, to: str });
const nsTimestamp: Check = (v, p) =>
  typeof v === 'string' && /^\d{1,20}$/.test(v) ? undefined : `${p}: expected nanoseconds as digits`;
const panelRef = object({
  dashboardUid: str,
  dashboardTitle: str,
  panelId: num,
  title: str,
  unit: optional(str),
  exprs: arrayOf(str, 64),
});
const series = object({ name: str, times: arrayOf(num), values: arrayOf(numOrNull) });
const panelView: Check = (v, p) => {
  const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
  if (kind === 'iframe') return object({ key: str, panel: panelRef, url: str })(v, p);
  if (kind === 'chart') return object({ key: str, panel: panelRef, reason: str })(v, p);
  return `${p}.kind: expected iframe or chart`;
};
const nullable =
  (check: Check): Check =>
  (v, p) =>
    v === null ? undefined : check(v, p);
const loadSummary = object({ requests: num, rps: num, p95Ms: num, errorRate: num });
const loadSeries = object({
  times: arrayOf(num, 100_000),
  rps: arrayOf(numOrNull, 100_000),
  p95Ms: arrayOf(numOrNull, 100_000),
  errorRate: arrayOf(numOrNull, 100_000),
  summary: nullable(loadSummary),
});
/** The series' columns must line up: one value of each per time. */
const sameLengths: Check = (v, p) => {
  const s = (v as { series: Record<string, unknown[]> }).series;
  return [s.rps, s.p95Ms, s.errorRate].every((c) => c?.length === s.times?.length)
    ? undefined
    : `${p}.series: columns of different lengths`;
};
const loadView = all(
  object({
    state: oneOf(['none', 'pending', 'running', 'succeeded', 'failed', 'error']),
    message: boundedStr,
    job: nullable(str),
    series: loadSeries,
  }),
  sameLengths,
);
const panelStateFields: { readonly [F in keyof PanelState]-?: Check } = {
  scope,
  query: boundedStr,
  filter,
  selectedPanels: arrayOf(str, 256),
  range,
};
const panelState = object(panelStateFields);
const streamState = oneOf(['connecting', 'history', 'live', 'paused', 'reconnecting', 'fallback', 'stopped', 'error']);

const toWebview = union<ToWebview>({
  init: {
    scope,
    query: str,
    filter,
    bufferLines: num,
    theme: oneOf(['light', 'dark']),
    gatewayOrigin: (v, p) => (v === null ? undefined : str(v, p)),
    selectedPanels: arrayOf(str),
    range,
    exploreUnavailable: (v, p) => (v === null ? undefined : str(v, p)),
  },
  'logs/append': all(object({ dropped: num }), logBatch),
  'logs/history': all(object({ more: bool }), logBatch),
  'logs/reset': { query: str },
  'logs/status': { state: streamState, source: oneOf(['loki', 'kubernetes', 'none']), message: str },
  'panels/list': { panels: arrayOf(panelRef), note: str },
  'panels/set': { views: arrayOf(panelView) },
  'chart/data': { key: str, series: arrayOf(series), error: (v, p) => (v === null ? undefined : str(v, p)) },
  'load/data': { view: loadView },
});

const fromWebview = union<FromWebview>({
  ready: { state: (v, p) => (v === null ? undefined : panelState(v, p)) },
  'logs/query': { query: boundedStr, filter, raw: bool },
  'logs/pause': {},
  'logs/resume': {},
  'logs/older': { before: nsTimestamp },
  'panels/select': { keys: arrayOf(str, 256), range },
  'chart/query': { key: str, exprs: arrayOf(str, 64), range },
  copy: { text: boundedStr },
  openExplore: { query: boundedStr, range },
  log: { level: oneOf(['info', 'warn', 'error']), message: boundedStr },
});

/** Either the message, typed, or why it was refused. */
export type Validated<T> = { ok: true; message: T } | { ok: false; reason: string };

export function validateToWebview(value: unknown): Validated<ToWebview> {
  const reason = toWebview(value, 'message');
  return reason ? { ok: false, reason } : { ok: true, message: value as ToWebview };
}

export function validateFromWebview(value: unknown): Validated<FromWebview> {
  const reason = fromWebview(value, 'message');
  return reason ? { ok: false, reason } : { ok: true, message: value as FromWebview };
}

/** State the webview saved with setState, as it comes back (from disk, after a reload): checked before use. */
export function validatePanelState(value: unknown): Validated<PanelState> {
  const reason = panelState(value, 'state');
  return reason ? { ok: false, reason } : { ok: true, message: value as PanelState };
}

/** For the exhaustiveness check at the end of a `switch (message.type)`. */
export function assertNever(value: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(value)}`);
}
