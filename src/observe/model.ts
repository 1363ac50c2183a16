// Plain data shared by the core, the editor host and the webview protocol. No imports: the webview bundle reads it too.

/** What the panel is looking at: the whole stack (namespace), one workload, or one pod. */
export interface Scope {
  readonly namespace: string;
  readonly workload?: string;
  readonly pod?: string;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'unknown';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug', 'unknown'];

/** One log line, wherever it came from (Loki or the Kubernetes log API). */
export interface LogLine {
  /** Nanoseconds since the epoch, as a decimal string (Loki's precision does not fit a double). */
  readonly ts: string;
  readonly line: string;
  readonly pod?: string;
  readonly container?: string;
  readonly level: LogLevel;
}

/** The user's narrowing of the scope's logs. */
export interface LogFilter {
  readonly text: string;
  readonly regex: boolean;
  /** Empty means every level. */
  readonly levels: readonly LogLevel[];
}

/** A time range in Grafana's notation (`now-1h`, `now`) or epoch milliseconds. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** One Grafana panel the user can show, with the PromQL behind it for the native fallback. */
export interface PanelRef {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly panelId: number;
  readonly title: string;
  readonly unit?: string;
  /** PromQL of the panel's Prometheus targets; empty when the panel is not Prometheus-backed. */
  readonly exprs: readonly string[];
}

/** One series of a native chart: numeric timestamps in seconds and values (null = gap). */
export interface ChartSeries {
  readonly name: string;
  readonly times: readonly number[];
  readonly values: readonly (number | null)[];
}

/** Where the logs come from right now, for the status line. */
export type LogSource = 'loki' | 'kubernetes' | 'none';

/** A load test's end-of-test figures, from k6's summary. */
export interface LoadSummary {
  readonly requests: number;
  readonly rps: number;
  readonly p95Ms: number;
  /** 0..1 */
  readonly errorRate: number;
}

/** A load test's figures over time, read from k6's output (times in seconds; null = nothing printed then). */
export interface LoadSeries {
  readonly times: readonly number[];
  readonly rps: readonly (number | null)[];
  readonly p95Ms: readonly (number | null)[];
  /** 0..1 */
  readonly errorRate: readonly (number | null)[];
  readonly summary: LoadSummary | null;
}

/** What the panel shows about the load test on its workload: none, or one with its series. */
export interface LoadTestView {
  readonly state: 'none' | 'pending' | 'running' | 'succeeded' | 'failed' | 'error';
  /** One sentence: what runs against what, or why nothing is shown. */
  readonly message: string;
  /** The Job's name, when there is one. */
  readonly job: string | null;
  readonly series: LoadSeries;
}
