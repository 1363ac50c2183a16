import { LineBatcher } from '../../observe/batcher';
import { exploreUrl, grafanaBrowserBase, panelKey, soloPanelUrl } from '../../observe/grafana';
import { buildLogQuery } from '../../observe/logql';
import { LogStream } from '../../observe/logStream';
import type { LogFilter, PanelRef, Scope, TimeRange } from '../../observe/model';
import { Disposable } from '../../util/disposable';
import type { Logger } from '../../util/log';
import { errorMessage } from '../../util/result';
import { encodeLines } from '../../protocol/logWire';
import {
  assertNever,
  type FromWebview,
  type PanelState,
  type PanelView,
  type ToWebview,
} from '../../protocol/protocol';
import type { ObserveServices, PanelHost, PanelSettings } from './services';

const DEFAULT_FILTER: LogFilter = { text: '', regex: false, levels: [] };
const DEFAULT_RANGE: TimeRange = { from: 'now-1h', to: 'now' };
/** How often the load test's output is read again (k6 prints a progress line a second, its window lines every 5 s). */
export const LOAD_POLL_MS = 5000;

/** Sends one message; resolves when the webview took it (false when it is gone). */
export type Post = (message: ToWebview) => Promise<boolean>;

/** The panel's logic, without VS Code: answers the webview's messages with logs, panels and charts. */
export class PanelController extends Disposable {
  private stream: LogStream | undefined;
  private batcher: LineBatcher | undefined;
  private state: PanelState;
  private panels: PanelRef[] = [];
  private loadTimer: NodeJS.Timeout | undefined;

  constructor(
    scope: Scope,
    private readonly services: ObserveServices,
    private readonly host: PanelHost,
    private readonly settings: PanelSettings,
    private readonly post: Post,
    private readonly log: Logger,
  ) {
    super();
    this.state = {
      scope,
      query: buildLogQuery(scope, DEFAULT_FILTER),
      filter: DEFAULT_FILTER,
      selectedPanels: [],
      range: DEFAULT_RANGE,
    };
    this._register({ dispose: () => this.stopLogs() });
    this._register({ dispose: () => clearTimeout(this.loadTimer) });
  }

  get panelState(): PanelState {
    return this.state;
  }

  async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.ready(message.state);
      case 'logs/query':
        return this.startLogs(
          message.raw ? message.query : buildLogQuery(this.state.scope, streamFilter(message.filter)),
          message.filter,
        );
      case 'logs/pause':
        return this.stream?.pause();
      case 'logs/resume':
        return this.stream?.resume();
      case 'logs/older':
        return this.stream?.older(message.before);
      case 'panels/select':
        return this.selectPanels(message.keys, message.range);
      case 'chart/query':
        return this.chart(message.key, message.exprs, message.range);
      case 'copy':
        return this.host.copy(message.text);
      case 'openExplore':
        return this.openExplore(message.query, message.range);
      case 'log':
        return this.log[message.level](`webview: ${message.message}`);
      default:
        assertNever(message);
    }
  }

  private async ready(restored: PanelState | null): Promise<void> {
    // A restored panel keeps its own scope and query; a fresh one starts from the command's scope.
    if (restored) this.state = restored;
    const { scope, query, filter, selectedPanels, range } = this.state;
    const gateway = await this.gatewayBase();
    await this.post({
      type: 'init',
      scope,
      query,
      filter,
      bufferLines: this.settings.bufferLines,
      theme: this.host.theme(),
      gatewayOrigin: gateway ? new URL(gateway).origin : null,
      selectedPanels: [...selectedPanels],
      range,
      // Explore opens Grafana's own address in the browser: it needs Grafana, not the gateway (which code-server's
      // port proxy cannot embed).
      exploreUnavailable: this.services.grafana ? null : this.grafanaMissing(),
    });
    await this.startLogs(query, filter);
    await this.listPanels();
    if (selectedPanels.length > 0) await this.selectPanels([...selectedPanels], range);
    clearTimeout(this.loadTimer);
    await this.pollLoadTest();
  }

  /** For a workload: the load test sending to it (k6's figures), now and every LOAD_POLL_MS while the panel lives. */
  private async pollLoadTest(): Promise<void> {
    const read = this.services.loadTest;
    if (!read || !this.state.scope.workload || this.isDisposed) return;
    const view = await read(this.state.scope);
    if (this.isDisposed) return;
    await this.post({ type: 'load/data', view });
    this.loadTimer = setTimeout(() => void this.pollLoadTest(), LOAD_POLL_MS);
  }

  private async startLogs(query: string, filter: LogFilter): Promise<void> {
    this.stopLogs();
    this.state = { ...this.state, query, filter };
    await this.post({ type: 'logs/reset', query });
    // A batch is one task in the webview (parse, clone, store): 500 lines, ~125 kB, keep it well inside a frame.
    // Behind, the batcher sends the next batch as soon as one is taken, so the rate is not capped by the size.
    const batcher = new LineBatcher(
      (lines, dropped) => this.post({ type: 'logs/append', ...encodeLines(lines), dropped }),
      { maxPending: this.settings.bufferLines, maxBatch: 500 },
    );
    const stream = new LogStream(
      {
        query,
        filter: streamFilter(filter),
        loki: this.services.loki,
        lokiMissing: this.services.notes.find((n) => n.startsWith('loki')),
        fallback: this.services.fallback,
        historyLimit: this.settings.historyLines,
        lookbackMs: this.settings.lookbackMs,
      },
      {
        history: (lines, more) => void this.post({ type: 'logs/history', ...encodeLines(lines), more }),
        lines: (lines) => batcher.push(lines),
        dropped: (count) => batcher.addDropped(count),
        status: (state, source, message) => void this.post({ type: 'logs/status', state, source, message }),
      },
      this.log,
    );
    this.batcher = batcher;
    this.stream = stream;
    await stream.start().catch((e: unknown) => this.log.error(`logs: ${errorMessage(e)}`));
  }

  private stopLogs(): void {
    this.stream?.dispose();
    this.batcher?.dispose();
    this.stream = undefined;
    this.batcher = undefined;
  }

  private async listPanels(): Promise<void> {
    const grafana = this.services.grafana ? await this.services.grafana.panelsForScope(this.state.scope) : undefined;
    if (grafana?.ok) {
      this.panels = grafana.value;
      await this.post({
        type: 'panels/list',
        panels: this.panels,
        note: `${this.panels.length} panel(s) from Grafana`,
      });
      return;
    }
    const why = grafana
      ? `Grafana did not list its dashboards (${grafana.error.message})`
      : `Grafana is not reachable${this.missing('grafana', ' (', ')')}`;
    this.panels = await this.services.stackPanels(this.state.scope).catch(() => []);
    const charts = this.services.prometheus
      ? 'are drawn from Prometheus'
      : `would be drawn from Prometheus, but Prometheus is not reachable either${this.missing('prometheus', ' (', ')')}`;
    await this.post({ type: 'panels/list', panels: this.panels, note: `${why}: the stack's panels ${charts}.` });
  }

  /** The editor's theme changed: embedded Grafana panels are asked for again with the new `theme=` (charts redraw themselves). */
  async themeChanged(): Promise<void> {
    if (this.state.selectedPanels.length > 0) await this.selectPanels([...this.state.selectedPanels], this.state.range);
  }

  private async selectPanels(keys: string[], range: TimeRange): Promise<void> {
    this.state = { ...this.state, selectedPanels: keys, range };
    const chosen = keys.flatMap((k) => this.panels.filter((p) => panelKey(p) === k));
    const base = await this.gatewayBase();
    const theme = this.host.theme();
    const views: PanelView[] = chosen.map((panel) =>
      base && this.services.grafana
        ? { kind: 'iframe', key: panelKey(panel), panel, url: soloPanelUrl(base, panel, theme, range) }
        : {
            kind: 'chart',
            key: panelKey(panel),
            panel,
            reason: "Native chart of the panel's PromQL (Grafana is not embeddable here).",
          },
    );
    await this.post({ type: 'panels/set', views });
  }

  private async chart(key: string, exprs: string[], range: TimeRange): Promise<void> {
    const prometheus = this.services.prometheus;
    if (!prometheus)
      return void (await this.post({
        type: 'chart/data',
        key,
        series: [],
        error: `Prometheus is not reachable${this.missing('prometheus', ': ')}.`,
      }));
    const { start, end } = toSeconds(range);
    const answers = await Promise.all(exprs.map((expr) => prometheus.queryRange({ expr, start, end })));
    const failed = answers.find((a) => !a.ok);
    const series = answers.flatMap((a) => (a.ok ? a.value : []));
    await this.post({ type: 'chart/data', key, series, error: failed && !failed.ok ? failed.error.message : null });
  }

  /** Opens Explore on Grafana's own address: the gateway's token never leaves the webview. */
  private async openExplore(query: string, range: TimeRange): Promise<void> {
    const grafana = this.services.grafana;
    if (grafana) await this.host.openExternal(exploreUrl(grafanaBrowserBase(grafana.endpoint), query, range));
  }

  /** What the search for a service found ("no endpoints behind Service …"), between `before` and `after`; '' if nothing. */
  private missing(name: 'grafana' | 'prometheus', before: string, after = ''): string {
    const note = this.services.notes.find((n) => n.startsWith(name));
    return note ? `${before}${note.replace(new RegExp(`^${name}: `), '')}${after}` : '';
  }

  /** Why Explore cannot open: the note about Grafana (what did not answer, and how it was reached), or that there is none. */
  private grafanaMissing(): string {
    const note = this.services.notes.find((n) => n.startsWith('grafana'));
    return `Explore needs Grafana, which is not available: ${note ?? 'no Grafana is configured or reachable'}`;
  }

  /** The gateway's token base URL as the webview reaches it; undefined without Grafana. */
  private async gatewayBase(): Promise<string | undefined> {
    if (!this.services.gateway) return undefined;
    try {
      const gateway = await this.services.gateway();
      return (await this.host.externalUrl(gateway.origin)).replace(/\/$/, '') + `/t/${gateway.token}`;
    } catch (e) {
      this.log.warn(`gateway: ${errorMessage(e)}`);
      return undefined;
    }
  }
}

/**
 * What the stream asks for: the text filter narrows it; the levels filter the webview's buffer only, so that
 * changing them shows the lines at once and does not restart the stream (the counts would jump).
 */
function streamFilter(filter: LogFilter): LogFilter {
  return filter.levels.length === 0 ? filter : { ...filter, levels: [] };
}

/** `now-1h` / `now` (Grafana's notation) or epoch ms → seconds. */
export function toSeconds(range: TimeRange, now = Date.now()): { start: number; end: number } {
  const parse = (v: string): number => {
    const rel = /^now(?:-(\d+)([smhd]))?$/.exec(v);
    if (!rel) return Number(v) || now;
    const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[rel[2] as 's' | 'm' | 'h' | 'd'] ?? 0;
    return now - Number(rel[1] ?? 0) * unit;
  };
  return { start: Math.floor(parse(range.from) / 1000), end: Math.floor(parse(range.to) / 1000) };
}
