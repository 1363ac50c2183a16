import { own } from '../util/own';
/** Apply order: what others depend on first (namespaces and CRDs), then config/RBAC, workloads, then what points at them. */
const WAVE_OF_KIND: Readonly<Record<string, number>> = {
  Namespace: 0,
  CustomResourceDefinition: 0,
  ServiceAccount: 1,
  Role: 1,
  ClusterRole: 1,
  RoleBinding: 1,
  ClusterRoleBinding: 1,
  ConfigMap: 1,
  Secret: 1,
  PersistentVolumeClaim: 1,
  Service: 1,
  APIService: 1,
  Deployment: 2,
  StatefulSet: 2,
  DaemonSet: 2,
  Job: 2,
  CronJob: 2,
  Pod: 2,
  Ingress: 3,
  HorizontalPodAutoscaler: 3,
};

export const WAVE_NAMES = [
  'namespaces and CRDs',
  'configuration, RBAC, storage and services',
  'workloads',
  'ingress and autoscaling',
] as const;

/** Unknown kinds (custom resources, …) go with the workloads: after CRDs and config, before Ingress/HPA. */
const DEFAULT_WAVE = 2;

export function waveOf(kind: string): number {
  return own(WAVE_OF_KIND, kind) ?? DEFAULT_WAVE;
}

/** Splits items into the four waves, keeping the input order inside each wave. */
export function groupIntoWaves<T>(items: readonly T[], kindOf: (item: T) => string): T[][] {
  const waves: T[][] = WAVE_NAMES.map(() => []);
  for (const item of items) waves[waveOf(kindOf(item))]?.push(item);
  return waves;
}
