import type { ObserveSettings } from '../../observe/connections';
import { setting } from '../settings';
import type { PanelSettings } from './services';

/** The observability settings, read when a panel opens. Empty URLs mean "find it in the cluster". */
export function readObserveSettings(): ObserveSettings & PanelSettings {
  const url = (key: 'lokiUrl' | 'grafanaUrl' | 'prometheusUrl' | 'lokiTenant'): string | undefined =>
    setting(key).trim() || undefined;
  return {
    lokiUrl: url('lokiUrl'),
    grafanaUrl: url('grafanaUrl'),
    prometheusUrl: url('prometheusUrl'),
    lokiTenant: url('lokiTenant'),
    stackNamespace: setting('namespace'),
    bufferLines: Math.max(1000, Math.min(1_000_000, setting('logBufferLines'))),
    historyLines: 1000,
    lookbackMs: 6 * 3_600_000,
  };
}
