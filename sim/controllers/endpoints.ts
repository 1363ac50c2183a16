// Endpoints and EndpointSlice controllers: for each Service with a selector, the pods it selects that
// have an IP, split into ready / not-ready addresses, with target ports resolved (named container
// ports included). Simplified: one EndpointSlice per Service, named <service>-sim, IPv4 only.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { matchLabels } from '../selectors';
import { R, arr, isPodReady, modify, o } from './util';

function resolvePort(pod: KObject, targetPort: unknown): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  for (const c of arr(o(pod.spec).containers))
    for (const p of arr(c.ports)) if (p.name === targetPort) return Number(p.containerPort);
  return typeof targetPort === 'string' && /^\d+$/.test(targetPort) ? Number(targetPort) : undefined;
}

function write(ctx: SimContext, r: typeof R.endpoints, ns: string, name: string, build: () => KObject): void {
  const desired = build();
  const live = ctx.store.peek(r, ns, name);
  if (!live) {
    ctx.store.create(r, desired);
    return;
  }
  modify(ctx, r, ns, name, (x) => {
    for (const k of Object.keys(desired)) if (k !== 'metadata') x[k] = desired[k];
    for (const k of Object.keys(x)) if (!(k in desired)) delete x[k];
    meta(x).labels = meta(desired).labels;
  });
}

/** Reconciles the Endpoints and EndpointSlice of one Service (the stored object). */
export function reconcileEndpoints(ctx: SimContext, svc: KObject): void {
  const m = meta(svc);
  const ns = m.namespace ?? 'default';
  const selector = o(o(svc.spec).selector) as Record<string, string>;
  if (Object.keys(selector).length === 0) return; // selector-less Services keep hand-made Endpoints
  const reqs = Object.entries(selector).map(([key, value]) => ({ op: 'eq' as const, key, value }));
  const pods = ctx.store
    .view(R.pod, ns)
    .filter((p) => matchLabels(reqs, meta(p).labels) && typeof o(p.status).podIP === 'string');
  const ports = arr(o(svc.spec).ports);
  const address = (p: KObject) => ({
    ip: o(p.status).podIP,
    nodeName: o(p.spec).nodeName,
    targetRef: { kind: 'Pod', namespace: ns, name: meta(p).name, uid: meta(p).uid },
  });
  const ready = pods.filter(isPodReady);
  const notReady = pods.filter((p) => !isPodReady(p));
  const first = pods[0];
  const epPorts = ports.map((sp) => ({
    ...(sp.name ? { name: sp.name } : {}),
    port: (first && resolvePort(first, sp.targetPort)) ?? sp.port,
    protocol: sp.protocol ?? 'TCP',
  }));
  write(ctx, R.endpoints, ns, m.name ?? '', () => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: m.name, namespace: ns, labels: { ...m.labels } },
    ...(pods.length
      ? {
          subsets: [
            {
              ...(ready.length ? { addresses: ready.map(address) } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}),
              ports: epPorts,
            },
          ],
        }
      : {}),
  }));
  write(ctx, R.endpointSlice, ns, `${m.name}-sim`, () => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${m.name}-sim`,
      namespace: ns,
      labels: {
        'kubernetes.io/service-name': m.name ?? '',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: pods.map((p) => ({
      addresses: [o(p.status).podIP],
      conditions: { ready: isPodReady(p), serving: isPodReady(p), terminating: false },
      nodeName: o(p.spec).nodeName,
      targetRef: { kind: 'Pod', namespace: ns, name: meta(p).name, uid: meta(p).uid },
    })),
    ports: epPorts,
  }));
}
