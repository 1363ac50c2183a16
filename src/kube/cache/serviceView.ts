import type { KubeObject } from '../objects';
import { num, rec, recs, str } from './fields';

export interface ServiceView {
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly clusterIP?: string;
  /** `80→8080/TCP` per port. */
  readonly ports: readonly string[];
  readonly readyEndpoints: number;
  readonly notReadyEndpoints: number;
  /** A service with a selector but no Endpoints object yet, or one without a selector (manual endpoints). */
  readonly hasSelector: boolean;
}

export interface IngressRouteView {
  readonly ingress: string;
  readonly namespace: string;
  readonly host: string;
  readonly path: string;
  readonly service: string;
  readonly port: string;
  readonly url: string;
}

export function serviceView(service: KubeObject, endpoints?: KubeObject): ServiceView {
  const spec = rec(service.spec);
  const ports = recs(spec.ports).map(
    (p) => `${String(p.port)}→${String(p.targetPort ?? p.port)}/${str(p.protocol) || 'TCP'}`,
  );
  const subsets = recs(endpoints?.subsets);
  const count = (key: string): number => subsets.reduce((sum, s) => sum + recs(s[key]).length, 0);
  return {
    name: service.metadata.name,
    namespace: service.metadata.namespace ?? '',
    type: str(spec.type) || 'ClusterIP',
    ...(str(spec.clusterIP) ? { clusterIP: str(spec.clusterIP) } : {}),
    ports,
    readyEndpoints: count('addresses'),
    notReadyEndpoints: count('notReadyAddresses'),
    hasSelector: Object.keys(rec(spec.selector)).length > 0,
  };
}

function backendOf(backend: Record<string, unknown>): { service: string; port: string } {
  const service = rec(backend.service);
  const port = rec(service.port);
  return { service: str(service.name), port: str(port.name) || String(num(port.number) ?? '') };
}

/** Every path of every rule: `/api → api:8080`, with the URL it is reached at. */
export function ingressRoutes(ingress: KubeObject): IngressRouteView[] {
  const spec = rec(ingress.spec);
  const tlsHosts = new Set(recs(spec.tls).flatMap((t) => (Array.isArray(t.hosts) ? t.hosts.map(String) : [])));
  const routes: IngressRouteView[] = [];
  for (const rule of recs(spec.rules)) {
    const host = str(rule.host);
    for (const path of recs(rec(rule.http).paths)) {
      const p = str(path.path) || '/';
      const scheme = tlsHosts.has(host) ? 'https' : 'http';
      routes.push({
        ingress: ingress.metadata.name,
        namespace: ingress.metadata.namespace ?? '',
        host,
        path: p,
        ...backendOf(rec(path.backend)),
        url: `${scheme}://${host || '*'}${p}`,
      });
    }
  }
  return routes;
}
