import type { ClusterTarget } from '../kube/kubeconfig';
import { errorMessage, err, ok, type Result } from '../util/result';
import { Credentials, type RequestCredentials } from '../kube/credentials';
import type { ConnectionOptions, Endpoint, HttpFailure } from './endpoint';

/** A Service port in the cluster, e.g. `starter/loki:3100`. */
export interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
}

/** The API server's service proxy path: no port-forward to manage, and the kubeconfig's credentials apply. */
export function serviceProxyPath(service: ServiceRef): string {
  return `/api/v1/namespaces/${encodeURIComponent(service.namespace)}/services/${encodeURIComponent(service.name)}:${service.port}/proxy`;
}

/** An endpoint that reaches a Service through the API server, authenticated like kubectl. */
export async function serviceProxyEndpoint(target: ClusterTarget, service: ServiceRef): Promise<Result<Endpoint>> {
  let credentials: Credentials;
  try {
    credentials = await Credentials.load(target.kubeConfig, target.contextName);
  } catch (e) {
    return err(errorMessage(e));
  }
  const initial = connection(credentials.initial);
  return ok({
    baseUrl: target.server.replace(/\/$/, '') + serviceProxyPath(service),
    ...initial,
    via: `service proxy ${service.namespace}/${service.name}:${service.port}`,
    // Exec plugins' tokens expire: ask again before every request (client-node caches them until they do),
    // and run the plugin anew when the API server refused the cached token.
    credentials: async (refused) =>
      connection(
        await (refused
          ? credentials.refresh({ authorization: refused.headers.authorization, cert: refused.tls?.cert })
          : credentials.current()),
      ),
  });
}

/** Request credentials as plain string headers and the TLS material https and ws take. */
function connection(credentials: RequestCredentials): ConnectionOptions {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(credentials.headers))
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : String(value);
  const { ca, cert, key, rejectUnauthorized, servername } = credentials.tls;
  return { headers, tls: { ca, cert, key, rejectUnauthorized, servername } };
}

/** The stack's own Services, as the templates define them. */
export const STACK_SERVICES = {
  loki: { name: 'loki', port: 3100 },
  grafana: { name: 'grafana', port: 3000 },
  prometheus: { name: 'prometheus', port: 9090 },
} as const;

/** The API server's own error answer (a Kubernetes Status), as opposed to an answer of the program behind the Service. */
function kubeStatus(body: string): { code: number; message: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; code?: unknown; message?: unknown };
    if (parsed.kind !== 'Status' || typeof parsed.message !== 'string') return undefined;
    return { code: typeof parsed.code === 'number' ? parsed.code : 0, message: parsed.message };
  } catch {
    return undefined;
  }
}

/**
 * What a failed request through the service proxy means, naming who said no: the API server (Service missing, no
 * ready endpoints, access denied), or the program behind the Service. "Not deployed" only when it is not.
 */
export function describeProxyFailure(service: ServiceRef, failure: HttpFailure): string {
  const svc = `Service ${service.name} in namespace ${service.namespace}`;
  if (failure.status === 0) return `the API server did not answer (${failure.message})`;
  const status = kubeStatus(failure.message);
  if (!status) return `${service.name} answered HTTP ${failure.status}: ${failure.message.slice(0, 160)}`;
  const said = status.message;
  if (/^namespaces? "[^"]*" not found/.test(said))
    return `namespace ${service.namespace} not found: nothing is deployed there`;
  if (status.code === 404) return `${svc} not found: ${service.name} is not deployed (${said})`;
  if (status.code === 503 && /no backend registered/.test(said))
    return `${svc} has ready pods, but the demo cluster (a simulator) has no backend for it (${said})`;
  if (status.code === 503 && /no endpoints available/.test(said))
    return `no endpoints behind ${svc}: none of its pods is ready (${said})`;
  if (status.code === 503) return `${svc} has ready endpoints, but ${service.name} did not answer (${said})`;
  if (status.code === 403) return `not allowed to reach ${svc} through the API server (${said})`;
  if (status.code === 401) return `the API server refused the kubeconfig's credentials (${said})`;
  return `the API server answered HTTP ${status.code} for ${svc} (${said})`;
}
