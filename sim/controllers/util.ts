// Helpers the simulated controllers share: typed access to the store, owner references, names.
import { createHash, randomBytes } from 'node:crypto';
import { type SimContext } from '../context';
import { findByKind, type ResourceType, groupVersion } from '../resources';
import { type KObject, type OwnerReference, jsonEqual, meta } from '../store';

export type Obj = Record<string, unknown>;
export const o = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
export const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);
export const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
export const nowISO = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export const R = {
  pod: findByKind('v1', 'Pod')!,
  service: findByKind('v1', 'Service')!,
  endpoints: findByKind('v1', 'Endpoints')!,
  event: findByKind('v1', 'Event')!,
  pvc: findByKind('v1', 'PersistentVolumeClaim')!,
  pv: findByKind('v1', 'PersistentVolume')!,
  node: findByKind('v1', 'Node')!,
  namespace: findByKind('v1', 'Namespace')!,
  serviceAccount: findByKind('v1', 'ServiceAccount')!,
  deployment: findByKind('apps/v1', 'Deployment')!,
  replicaSet: findByKind('apps/v1', 'ReplicaSet')!,
  daemonSet: findByKind('apps/v1', 'DaemonSet')!,
  statefulSet: findByKind('apps/v1', 'StatefulSet')!,
  hpa: findByKind('autoscaling/v2', 'HorizontalPodAutoscaler')!,
  endpointSlice: findByKind('discovery.k8s.io/v1', 'EndpointSlice')!,
  storageClass: findByKind('storage.k8s.io/v1', 'StorageClass')!,
  ingressClass: findByKind('networking.k8s.io/v1', 'IngressClass')!,
};

/**
 * Applies `mutate` to a copy of the stored object and writes it back if it changed; a no-op when it vanished.
 * Returns the object as stored (frozen when nothing changed: read it, do not edit it).
 */
export function modify(
  ctx: SimContext,
  r: ResourceType,
  namespace: string | undefined,
  name: string,
  mutate: (obj: KObject) => void,
): KObject | undefined {
  const live = ctx.store.peek(r, namespace, name);
  if (!live) return undefined;
  const next = structuredClone(live);
  mutate(next);
  if (jsonEqual(next, live)) return live;
  return ctx.store.update(r, next, live);
}

/** The objects of type `r` that `owner` controls (controller ownerReference), in list order; frozen. */
export function controlled(ctx: SimContext, r: ResourceType, owner: KObject): KObject[] {
  const ns = meta(owner).namespace;
  return ctx.store
    .dependentsOf(meta(owner).uid ?? '', r)
    .map((e) => e.object)
    .filter((x) => meta(x).namespace === ns && ownedBy(x, owner));
}

export function ownerRef(r: ResourceType, owner: KObject): OwnerReference {
  const m = meta(owner);
  return {
    apiVersion: groupVersion(r),
    kind: r.kind,
    name: m.name ?? '',
    uid: m.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function ownedBy(obj: KObject, owner: KObject): boolean {
  return (meta(obj).ownerReferences ?? []).some((ref) => ref.uid === meta(owner).uid && ref.controller === true);
}

/** Kubernetes-style random suffix: 5 chars from the "safe" alphabet (no vowels, no confusable digits). */
export function suffix(n = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Stable hash of a pod template, like the pod-template-hash label (10 safe characters); key order does not matter. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(sortedKeys(template)))
    .digest();
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...digest.subarray(0, 10)].map((b) => alphabet[b % alphabet.length]).join('');
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedKeys((value as Obj)[k])]),
  );
}

/** Resolves an int-or-percent (maxSurge, maxUnavailable) against a total. */
export function intOrPercent(v: unknown, total: number, roundUp: boolean, fallback: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return fallback;
}

export function isPodReady(pod: KObject): boolean {
  return arr(o(pod.status).conditions).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Sets (or keeps) a condition; the transition time changes only when the status changes. */
export function setCondition(
  conditions: Obj[],
  type: string,
  status: string,
  reason: string,
  message: string,
  extra: Obj = {},
): Obj[] {
  const existing = conditions.find((c) => c.type === type);
  const time = nowISO();
  if (existing && existing.status === status && existing.reason === reason && existing.message === message)
    return conditions;
  const next: Obj = {
    type,
    status,
    reason,
    message,
    ...extra,
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : time,
  };
  if ('lastUpdateTime' in extra || existing?.lastUpdateTime) next.lastUpdateTime = time;
  return existing ? conditions.map((c) => (c === existing ? next : c)) : [...conditions, next];
}
