import type { ClusterTarget } from '../kube/kubeconfig';
import { errorMessage, err, ok, type Result } from '../util/result';
import { Credentials, type RequestCredentials } from '../kube/credentials';
import type { ConnectionOptions, Endpoint } from './endpoint';

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
