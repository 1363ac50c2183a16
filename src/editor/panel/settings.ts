import * as vscode from 'vscode';
import type { ObserveSettings } from '../../observe/connections';
import type { PanelSettings } from './services';

/** The observability settings, read when a panel opens. Empty URLs mean "find it in the cluster". */
export function readObserveSettings(): ObserveSettings & PanelSettings {
  const config = vscode.workspace.getConfiguration('starterStack', null);
  const url = (key: string): string | undefined => config.get<string>(key, '').trim() || undefined;
  return {
    lokiUrl: url('lokiUrl'),
    grafanaUrl: url('grafanaUrl'),
    prometheusUrl: url('prometheusUrl'),
    lokiTenant: url('lokiTenant'),
    stackNamespace: config.get('namespace', 'starter'),
    bufferLines: Math.max(1000, Math.min(1_000_000, config.get('logBufferLines', 50_000))),
    historyLines: 1000,
    lookbackMs: 6 * 3_600_000,
  };
}
