// What the panel controller needs from the world, injected so the controller runs (and is tested) without VS Code.
import type { Gateway } from '../../observe/gateway';
import type { GrafanaClient } from '../../observe/grafana';
import type { LokiClient } from '../../observe/loki/client';
import type { FallbackFactory } from '../../observe/logStream';
import type { PrometheusClient } from '../../observe/prometheus';
import type { LoadTestView, PanelRef, Scope } from '../../observe/model';

export interface ObserveServices {
  readonly loki?: LokiClient;
  readonly grafana?: GrafanaClient;
  readonly prometheus?: PrometheusClient;
  /** Starts (once) the local gateway in front of Grafana; undefined without Grafana. */
  readonly gateway?: () => Promise<Gateway>;
  /** The Kubernetes log API, when Loki is absent. */
  readonly fallback?: FallbackFactory;
  /** The stack's own panels, when Grafana cannot list them. */
  readonly stackPanels: (scope: Scope) => Promise<PanelRef[]>;
  /** The load test on a workload and k6's figures; undefined without a cluster. Never rejects. */
  readonly loadTest?: (scope: Scope) => Promise<LoadTestView>;
  /** Notes on services that are not there. */
  readonly notes: readonly string[];
}

/** The editor around the panel: theme, clipboard, browser, and how a local URL is reached from the webview. */
export interface PanelHost {
  theme(): 'light' | 'dark';
  copy(text: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** vscode.env.asExternalUri: the gateway's address as the webview sees it (remote and web setups differ). */
  externalUrl(url: string): Promise<string>;
}

export interface PanelSettings {
  readonly bufferLines: number;
  readonly historyLines: number;
  readonly lookbackMs: number;
}
