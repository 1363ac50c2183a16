import type https from 'node:https';
import type { ClusterTarget } from '../kube/kubeconfig';
import { errorMessage, err, ok, type Result } from '../util/result';
import type { Endpoint } from './endpoint';

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
  const options: https.RequestOptions = {};
  try {
    await target.kubeConfig.applyToHTTPSOptions(options);
  } catch (e) {
    return err(`cannot get credentials for context ${target.contextName}: ${errorMessage(e)}`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) if (typeof value === 'string') headers[key.toLowerCase()] = value;
  if (options.auth) headers.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  const { ca, cert, key, rejectUnauthorized, servername } = options;
  return ok({
    baseUrl: target.server.replace(/\/$/, '') + serviceProxyPath(service),
    headers,
    tls: { ca, cert, key, rejectUnauthorized, servername },
    via: `service proxy ${service.namespace}/${service.name}:${service.port}`,
  });
}

/** The stack's own Services, as the templates define them. */
export const STACK_SERVICES = {
  loki: { name: 'loki', port: 3100 },
  grafana: { name: 'grafana', port: 3000 },
  prometheus: { name: 'prometheus', port: 9090 },
} as const;
