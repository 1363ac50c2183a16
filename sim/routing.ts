// Where proxied traffic goes: the simulator has no pod network, so tests register a local backend per
// service port (ClusterSimulator.routeService); pods reach the backend of a Service that selects them.
import { type SimContext, type ServiceRoute } from './context';
import { findByKind } from './resources';
import { matchLabels } from './selectors';
import { errors } from './status';
import { type KObject, meta } from './store';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, d = ''): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : d);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const serviceType = findByKind('v1', 'Service')!;
const endpointsType = findByKind('v1', 'Endpoints')!;
const podType = findByKind('v1', 'Pod')!;

/** Resolves `name`, `name:port` or `scheme:name:port` (port = number or port name) to a backend. */
export function serviceRoute(ctx: SimContext, namespace: string, ref: string): ServiceRoute {
  const parts = ref.split(':');
  const [name, portRef] = parts.length === 3 ? [parts[1]!, parts[2]] : [parts[0]!, parts[1]];
  const svc = ctx.store.peek(serviceType, namespace, name);
  if (!svc) throw errors.notFound('services', '', name);
  const ports = arr(o(svc.spec).ports);
  const port = portRef ? ports.find((p) => String(p.port) === portRef || p.name === portRef) : ports[0];
  if (!port) throw errors.serviceUnavailable(`no endpoints available for service "${ref}"`);
  const ep = ctx.store.peek(endpointsType, namespace, name);
  const hasSelector = Object.keys(o(o(svc.spec).selector)).length > 0;
  // As on a real cluster: a Service whose pods are not ready has no endpoints to proxy to.
  if (hasSelector && !arr(o(ep).subsets).some((s) => arr(s.addresses).length > 0))
    throw errors.serviceUnavailable(`no endpoints available for service "${name}"`);
  const route = ctx.routes.get(`${namespace}/${name}/${String(port.port)}`) ?? standInRoute(ctx, namespace, ep, port);
  if (!route)
    throw errors.serviceUnavailable(
      `no endpoints available for service "${name}" (starter-sim: no backend registered with routeService)`,
    );
  return route;
}

/** A ready endpoint's pod that runs a simulated Loki, Grafana or Prometheus (backends/index.ts) on the target port. */
function standInRoute(
  ctx: SimContext,
  namespace: string,
  ep: KObject | undefined,
  port: Obj,
): ServiceRoute | undefined {
  if (!ctx.backends) return undefined;
  for (const subset of arr(o(ep).subsets))
    for (const address of arr(subset.addresses)) {
      const pod = ctx.store.peek(podType, namespace, str(o(address.targetRef).name));
      const target = pod ? containerPort(pod, port.targetPort ?? port.port) : undefined;
      const route = pod && target !== undefined ? ctx.backends.routeFor(pod, target) : undefined;
      if (route) return route;
    }
  return undefined;
}

/** A Service port's targetPort as the pod's container port number (a name is looked up in the pod's ports). */
function containerPort(pod: KObject, target: unknown): number | undefined {
  if (typeof target === 'number') return target;
  const named = arr(o(pod.spec).containers)
    .flatMap((c) => arr(c.ports))
    .find((cp) => cp.name === target);
  const n = Number(named?.containerPort ?? target);
  return Number.isInteger(n) ? n : undefined;
}

/** The backend a pod's container port maps to, through any routed Service that selects the pod. */
export function podRoute(ctx: SimContext, pod: KObject, containerPort: number): ServiceRoute | undefined {
  const ns = meta(pod).namespace ?? 'default';
  for (const svc of ctx.store.view(serviceType, ns)) {
    const selector = o(o(svc.spec).selector) as Record<string, string>;
    if (
      !Object.keys(selector).length ||
      !matchLabels(
        Object.entries(selector).map(([key, value]) => ({ op: 'eq' as const, key, value })),
        meta(pod).labels,
      )
    )
      continue;
    for (const p of arr(o(svc.spec).ports)) {
      const route = ctx.routes.get(`${ns}/${meta(svc).name}/${String(p.port)}`);
      if (!route) continue;
      const target = p.targetPort ?? p.port;
      const named = arr(o(pod.spec).containers)
        .flatMap((c) => arr(c.ports))
        .find((cp) => cp.name === target);
      const targetNumber = typeof target === 'number' ? target : Number(named?.containerPort ?? target);
      if (targetNumber === containerPort) return route;
    }
  }
  // A running simulated Loki, Grafana or Prometheus answers on its own port, as the real one would.
  return o(pod.status).phase === 'Running' ? ctx.backends?.routeFor(pod, containerPort) : undefined;
}
