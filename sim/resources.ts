// The resource types the simulator serves: one table drives discovery, OpenAPI, routing and validation,
// so adding a kind here makes it appear everywhere consistently.
// Simplification: one served version per group (the preferred one); no CRDs, no aggregated APIs.

export interface ResourceType {
  group: string; // '' = core
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  subresources: string[]; // 'status' | 'scale' | 'log' | 'proxy' | 'portforward'
  categories?: string[];
  /** Only these verbs (discovery + routing); default: the full CRUD set. */
  verbs?: string[];
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const grp = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  subresources: [],
  ...extra,
});
const core = (kind: string, plural: string, namespaced: boolean, extra: Partial<ResourceType> = {}): ResourceType =>
  grp('', 'v1', kind, plural, namespaced, extra);

export const RESOURCES: ResourceType[] = [
  core('Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: ['status'] }),
  core('Node', 'nodes', false, { shortNames: ['no'], subresources: ['status'] }),
  core('Pod', 'pods', true, {
    shortNames: ['po'],
    subresources: ['status', 'log', 'portforward'],
    categories: ['all'],
  }),
  core('Service', 'services', true, { shortNames: ['svc'], subresources: ['status', 'proxy'], categories: ['all'] }),
  core('Endpoints', 'endpoints', true, { shortNames: ['ep'], singular: 'endpoints' }),
  core('ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  core('Secret', 'secrets', true),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: ['status'] }),
  core('PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: ['status'] }),
  core('ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  core('Event', 'events', true, { shortNames: ['ev'] }),
  grp('apps', 'v1', 'Deployment', 'deployments', true, {
    shortNames: ['deploy'],
    subresources: ['status', 'scale'],
    categories: ['all'],
  }),
  grp('apps', 'v1', 'ReplicaSet', 'replicasets', true, {
    shortNames: ['rs'],
    subresources: ['status', 'scale'],
    categories: ['all'],
  }),
  grp('apps', 'v1', 'DaemonSet', 'daemonsets', true, {
    shortNames: ['ds'],
    subresources: ['status'],
    categories: ['all'],
  }),
  grp('apps', 'v1', 'StatefulSet', 'statefulsets', true, {
    shortNames: ['sts'],
    subresources: ['status', 'scale'],
    categories: ['all'],
  }),
  // Jobs run by the simulated job controller (controllers/job.ts); CronJobs are not served.
  grp('batch', 'v1', 'Job', 'jobs', true, { subresources: ['status'], categories: ['all'] }),
  grp('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, {
    shortNames: ['hpa'],
    subresources: ['status'],
    categories: ['all'],
  }),
  grp('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], subresources: ['status'] }),
  grp('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  grp('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
  // Answered at once from the caller's permissions (see server.ts), never stored, as on the real server.
  grp('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, {
    verbs: ['create'],
  }),
  grp('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  grp('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  grp('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  grp('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  grp('apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', false, { subresources: ['status'] }),
  grp('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
];

export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function findByPlural(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function findByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => groupVersion(r) === apiVersion && r.kind === kind);
}

/** Groups in discovery order (core excluded), each with its single version. */
export function apiGroups(): Array<{ group: string; version: string }> {
  const seen = new Map<string, string>();
  for (const r of RESOURCES) if (r.group && !seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([group, version]) => ({ group, version }));
}

/** Storage key for an object: group/plural/namespace/name (namespace empty for cluster-scoped). */
export function storeKey(r: ResourceType, namespace: string | undefined, name: string): string {
  return `${r.group}/${r.plural}/${r.namespaced ? (namespace ?? '') : ''}/${name}`;
}
