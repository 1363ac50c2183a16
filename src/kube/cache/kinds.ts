import { collectionPath } from '../resources';

/** The kinds the live tree watches, each with how the API serves it. */
export const WATCHED_KINDS = {
  Namespace: { apiVersion: 'v1', plural: 'namespaces', namespaced: false },
  Pod: { apiVersion: 'v1', plural: 'pods', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', plural: 'deployments', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true },
  Service: { apiVersion: 'v1', plural: 'services', namespaced: true },
  Endpoints: { apiVersion: 'v1', plural: 'endpoints', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', plural: 'horizontalpodautoscalers', namespaced: true },
  Event: { apiVersion: 'v1', plural: 'events', namespaced: true },
  // Watched only where the linter asks about them (objects manifests refer to but may not define).
  ConfigMap: { apiVersion: 'v1', plural: 'configmaps', namespaced: true },
  Secret: { apiVersion: 'v1', plural: 'secrets', namespaced: true },
  PersistentVolumeClaim: { apiVersion: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  ServiceAccount: { apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true },
  StorageClass: { apiVersion: 'storage.k8s.io/v1', plural: 'storageclasses', namespaced: false },
} as const;

export type WatchedKind = keyof typeof WATCHED_KINDS;

/** Kinds watched for every namespace the tree opens. */
export const NAMESPACED_KINDS: readonly WatchedKind[] = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Service',
  'Endpoints',
  'Ingress',
  'HorizontalPodAutoscaler',
  'Event',
];

/** Kinds manifests refer to by name; watched per namespace the linter asks about (StorageClass cluster-wide). */
export const REFERENCE_KINDS = [
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ServiceAccount',
  'StorageClass',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export function isReferenceKind(kind: string): kind is ReferenceKind {
  return (REFERENCE_KINDS as readonly string[]).includes(kind);
}

/** Only warnings matter to the tree (probe failures, pull errors); normal events would only cost memory. */
const FIELD_SELECTORS: Partial<Record<WatchedKind, string>> = { Event: 'type=Warning' };

export interface WatchScope {
  readonly kind: WatchedKind;
  /** undefined: cluster-scoped kind, or a namespaced kind watched across all namespaces. */
  readonly namespace?: string;
}

export function scopeKey(scope: WatchScope): string {
  return `${scope.kind}/${scope.namespace ?? '*'}`;
}

export function scopePath(scope: WatchScope): string {
  const info = WATCHED_KINDS[scope.kind];
  return collectionPath(info.apiVersion, info, scope.namespace);
}

export function fieldSelectorOf(kind: WatchedKind): string | undefined {
  return FIELD_SELECTORS[kind];
}
