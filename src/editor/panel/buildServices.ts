import type { ObserveConnections } from '../../observe/connections';
import { GrafanaClient } from '../../observe/grafana';
import { LokiClient } from '../../observe/loki/client';
import type { FallbackFactory } from '../../observe/logStream';
import type { LoadTestView, Scope } from '../../observe/model';
import { errorMessage } from '../../util/result';
import { PrometheusClient } from '../../observe/prometheus';
import { stackPanels } from '../../observe/stackPanels';
import { toDisposable, type IDisposable } from '../../util/disposable';
import { onceSucceeded } from '../../util/lazy';
import type { Logger } from '../../util/log';
import type { ObserveServices } from './services';

/** The Kubernetes log API follower for the scope (client-node loads only when it is needed). */
function kubeFallback(connections: ObserveConnections, scope: Scope, log: Logger): FallbackFactory | undefined {
  const target = connections.target;
  if (!target) return undefined;
  return async (deliver, following) => {
    const { KubeLogFollower } = await import('../../observe/kubeLogs');
    const follower = new KubeLogFollower(target.kubeConfig, scope, { lines: deliver, following }, log);
    await follower.start();
    return follower;
  };
}

/** The load test reader, on its own connection to the cluster (opened on first use, closed with the panel). */
function loadTestReader(connections: ObserveConnections) {
  const target = connections.target;
  if (!target) return undefined;
  const client = onceSucceeded(async () => {
    const [{ connect }, { ClusterClient }] = await Promise.all([
      import('../../kube/transport'),
      import('../../kube/client'),
    ]);
    const http = await connect(target);
    if (!http.ok) throw new Error(http.error.message);
    return new ClusterClient(http.value);
  });
  const read = async (scope: Scope): Promise<LoadTestView> => {
    const { loadTestView } = await import('../../observe/loadTest');
    try {
      return await loadTestView(await client(), scope);
    } catch (e) {
      return { state: 'error', message: `Cannot reach the cluster: ${errorMessage(e)}`, job: null, series: NO_SERIES };
    }
  };
  return { read, dispose: () => void client.peek()?.then((c) => c.dispose()) };
}

const NO_SERIES: LoadTestView['series'] = { times: [], rps: [], p95Ms: [], errorRate: [], summary: null };

/** Builds the panel's services from what was found; the gateway starts on first use and dies with the panel. */
export function buildServices(
  connections: ObserveConnections,
  scope: Scope,
  log: Logger,
): { services: ObserveServices; disposable: IDisposable } {
  const grafana = connections.grafana;
  const startGateway = grafana
    ? onceSucceeded(() => import('../../observe/gateway').then((m) => m.startGateway(grafana, log)))
    : undefined;
  const load = loadTestReader(connections);
  const services: ObserveServices = {
    loki: connections.loki ? new LokiClient(connections.loki) : undefined,
    grafana: grafana ? new GrafanaClient(grafana) : undefined,
    prometheus: connections.prometheus ? new PrometheusClient(connections.prometheus) : undefined,
    gateway: startGateway,
    fallback: kubeFallback(connections, scope, log),
    stackPanels: (s) => stackPanels(s),
    loadTest: load?.read,
    notes: connections.notes,
  };
  return {
    services,
    disposable: toDisposable(() => {
      void startGateway?.peek()?.then((g) => g.close());
      load?.dispose();
    }),
  };
}
