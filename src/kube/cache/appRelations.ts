import { own } from '../../util/own';
import type { KubeObject } from '../objects';
import { num, rec, str } from './fields';
import { workloadKey, type WorkloadKind } from './ownership';
import { ingressRoutes, type IngressRouteView } from './serviceView';

/** One Event as the tree shows it: what happened to which object, how often, when last. */
export interface EventView {
  /** The Event object's name: unique in its namespace. */
  readonly name: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly lastSeen?: string;
  readonly object: { readonly kind: string; readonly name: string };
}

/** What serves, scales and happened to each workload of one namespace, and what belongs to none. */
export interface NamespaceRelations {
  readonly servicesOf: ReadonlyMap<string, readonly KubeObject[]>;
  readonly hpaOf: ReadonlyMap<string, KubeObject>;
  readonly routesOf: ReadonlyMap<string, readonly IngressRouteView[]>;
  readonly eventsOf: ReadonlyMap<string, readonly EventView[]>;
  readonly unmatchedServices: readonly KubeObject[];
  readonly unmatchedHpas: readonly KubeObject[];
  readonly unmatchedRoutes: readonly IngressRouteView[];
}

export interface NamespaceObjects {
  readonly workloads: readonly KubeObject[];
  /** Pods by workload key, as groupPodsByWorkload returns them. */
  readonly podGroups: ReadonlyMap<string, readonly KubeObject[]>;
  readonly services: readonly KubeObject[];
  readonly hpas: readonly KubeObject[];
  readonly ingresses: readonly KubeObject[];
  readonly events: readonly KubeObject[];
}

export function eventView(event: KubeObject): EventView {
  const involved = rec(event.involvedObject);
  const series = rec(event.series);
  const lastSeen =
    str(event.lastTimestamp) ||
    str(series.lastObservedTime) ||
    str(event.eventTime) ||
    str(event.metadata.creationTimestamp);
  return {
    name: event.metadata.name,
    type: str(event.type) || 'Normal',
    reason: str(event.reason),
    message: str(event.message),
    count: num(event.count) ?? num(series.count) ?? 1,
    ...(lastSeen ? { lastSeen } : {}),
    object: { kind: str(involved.kind), name: str(involved.name) },
  };
}

/** Warnings first, then the most recent first. */
export function sortEvents(events: readonly EventView[]): EventView[] {
  const rank = (e: EventView): number => (e.type === 'Warning' ? 0 : 1);
  return [...events].sort(
    (a, b) => rank(a) - rank(b) || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.name.localeCompare(b.name),
  );
}

/** A Service's selector matches a workload when every selector label is on the workload's pod template. */
export function selectsWorkload(service: KubeObject, workload: KubeObject): boolean {
  const selector = rec(rec(service.spec).selector);
  const labels = rec(rec(rec(workload.spec).template).metadata).labels;
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => own(rec(labels), key) === value);
}

const keyOf = (workload: KubeObject): string =>
  workloadKey({
    kind: workload.kind as WorkloadKind,
    namespace: workload.metadata.namespace ?? '',
    name: workload.metadata.name,
  });

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function matchServices(objects: NamespaceObjects): {
  servicesOf: Map<string, KubeObject[]>;
  unmatched: KubeObject[];
  workloadsOfService: Map<string, string[]>;
} {
  const servicesOf = new Map<string, KubeObject[]>();
  const workloadsOfService = new Map<string, string[]>();
  const unmatched: KubeObject[] = [];
  for (const service of objects.services) {
    const matched = objects.workloads.filter((w) => selectsWorkload(service, w)).map(keyOf);
    for (const key of matched) push(servicesOf, key, service);
    if (matched.length === 0) unmatched.push(service);
    else workloadsOfService.set(service.metadata.name, matched);
  }
  return { servicesOf, unmatched, workloadsOfService };
}

function matchHpas(objects: NamespaceObjects): { hpaOf: Map<string, KubeObject>; unmatched: KubeObject[] } {
  const known = new Set(objects.workloads.map(keyOf));
  const hpaOf = new Map<string, KubeObject>();
  const unmatched: KubeObject[] = [];
  for (const hpa of objects.hpas) {
    const ref = rec(rec(hpa.spec).scaleTargetRef);
    const key = `${str(ref.kind)}/${hpa.metadata.namespace ?? ''}/${str(ref.name)}`;
    if (known.has(key) && !hpaOf.has(key)) hpaOf.set(key, hpa);
    else unmatched.push(hpa);
  }
  return { hpaOf, unmatched };
}

function matchEvents(objects: NamespaceObjects, hpaOf: ReadonlyMap<string, KubeObject>): Map<string, EventView[]> {
  const ownerOf = new Map<string, string>();
  for (const workload of objects.workloads) ownerOf.set(`${workload.kind}/${workload.metadata.name}`, keyOf(workload));
  for (const [key, pods] of objects.podGroups)
    if (key) for (const pod of pods) ownerOf.set(`Pod/${pod.metadata.name}`, key);
  for (const [key, hpa] of hpaOf) ownerOf.set(`HorizontalPodAutoscaler/${hpa.metadata.name}`, key);
  const eventsOf = new Map<string, EventView[]>();
  for (const event of objects.events) {
    const view = eventView(event);
    const owner = ownerOf.get(`${view.object.kind}/${view.object.name}`);
    if (owner) push(eventsOf, owner, view);
  }
  for (const [key, list] of eventsOf) eventsOf.set(key, sortEvents(list));
  return eventsOf;
}

/** Relates one namespace's objects to its workloads: the app-centric view of the Cluster tree. */
export function namespaceRelations(objects: NamespaceObjects): NamespaceRelations {
  const services = matchServices(objects);
  const hpas = matchHpas(objects);
  const routesOf = new Map<string, IngressRouteView[]>();
  const unmatchedRoutes: IngressRouteView[] = [];
  for (const ingress of objects.ingresses) {
    for (const route of ingressRoutes(ingress)) {
      const owners = services.workloadsOfService.get(route.service) ?? [];
      for (const key of owners) push(routesOf, key, route);
      if (owners.length === 0) unmatchedRoutes.push(route);
    }
  }
  return {
    servicesOf: services.servicesOf,
    hpaOf: hpas.hpaOf,
    routesOf,
    eventsOf: matchEvents(objects, hpas.hpaOf),
    unmatchedServices: services.unmatched,
    unmatchedHpas: hpas.unmatched,
    unmatchedRoutes,
  };
}

/** The autoscaler whose scaleTargetRef names this workload, if any. */
export function hpaTargeting(hpas: readonly KubeObject[], kind: string, name: string): KubeObject | undefined {
  return hpas.find((h) => {
    const ref = rec(rec(h.spec).scaleTargetRef);
    return str(ref.kind) === kind && str(ref.name) === name;
  });
}
