import { resolveClusterTarget, type ClusterTarget, type KubeconfigRequest } from '../kube/kubeconfig';
import type { Logger } from '../util/log';
import { getJson, urlEndpoint, withHeaders, type Endpoint } from './endpoint';
import { describeProxyFailure, serviceProxyEndpoint, STACK_SERVICES, type ServiceRef } from './serviceProxy';

/** Explicit URLs win; otherwise the stack's Services are reached through the API server's service proxy. */
export interface ObserveSettings {
  readonly lokiUrl?: string;
  readonly grafanaUrl?: string;
  readonly prometheusUrl?: string;
  readonly lokiTenant?: string;
  /** Where the stack's Loki, Grafana and Prometheus Services live. */
  readonly stackNamespace: string;
  readonly kubeconfig?: KubeconfigRequest;
}

export interface ObserveConnections {
  readonly loki?: Endpoint;
  readonly grafana?: Endpoint;
  readonly prometheus?: Endpoint;
  /** The cluster, for the log API fallback; absent without a kubeconfig. */
  readonly target?: ClusterTarget;
  /** One sentence per service that is not there, for the panel's notes and the log. */
  readonly notes: readonly string[];
}

const PROBE_MS = 4000;

type ServiceName = keyof typeof STACK_SERVICES;
const PROBES: Record<ServiceName, string> = {
  loki: '/loki/api/v1/labels',
  grafana: '/api/health',
  prometheus: '/api/v1/status/buildinfo',
};

async function endpointFor(
  name: ServiceName,
  explicit: string | undefined,
  service: ServiceRef,
  target: ClusterTarget | undefined,
): Promise<Endpoint | string> {
  if (explicit) return urlEndpoint(explicit);
  if (!target) return `${name}: no URL set and no cluster to reach it through`;
  const proxied = await serviceProxyEndpoint(target, service);
  return proxied.ok ? proxied.value : `${name}: ${proxied.error}`;
}

/** Finds each service and checks it answers; what does not answer is left out, with a note saying why. */
async function reach(
  name: ServiceName,
  explicit: string | undefined,
  settings: ObserveSettings,
  target: ClusterTarget | undefined,
  extra: Record<string, string>,
): Promise<Endpoint | string> {
  const service = { namespace: settings.stackNamespace, ...STACK_SERVICES[name] };
  const found = await endpointFor(name, explicit, service, target);
  if (typeof found === 'string') return found;
  const endpoint = withHeaders(found, extra);
  const probe = await getJson(endpoint, PROBES[name], {}, AbortSignal.timeout(PROBE_MS));
  if (probe.ok) return endpoint;
  // Through the service proxy, say which part failed: the Service, its pods, or the program behind it.
  if (!explicit) return `${name}: ${describeProxyFailure(service, probe.error)}`;
  return `${name} (${endpoint.via}) did not answer: ${probe.error.status ? `HTTP ${probe.error.status} ` : ''}${probe.error.message.slice(0, 160)}`;
}

export async function resolveConnections(settings: ObserveSettings, log: Logger): Promise<ObserveConnections> {
  const resolved = await resolveClusterTarget(settings.kubeconfig ?? {});
  const target = resolved.ok ? resolved.value : undefined;
  if (!resolved.ok) log.info(`observe: no cluster (${resolved.error})`);
  const tenant: Record<string, string> = settings.lokiTenant ? { 'X-Scope-OrgID': settings.lokiTenant } : {};
  const [loki, grafana, prometheus] = await Promise.all([
    reach('loki', settings.lokiUrl, settings, target, tenant),
    reach('grafana', settings.grafanaUrl, settings, target, {}),
    reach('prometheus', settings.prometheusUrl, settings, target, {}),
  ]);
  const notes = [loki, grafana, prometheus].filter((x): x is string => typeof x === 'string');
  for (const note of notes) log.info(`observe: ${note}`);
  const pick = (x: Endpoint | string) => (typeof x === 'string' ? undefined : x);
  return { loki: pick(loki), grafana: pick(grafana), prometheus: pick(prometheus), target, notes };
}
