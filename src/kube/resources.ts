import { err, ok, type Result } from '../util/result';
import { isRecord } from './objects';

/** How the API serves a kind: its plural (the URL segment) and whether objects live in a namespace. */
export interface ResourceInfo {
  readonly plural: string;
  readonly namespaced: boolean;
}

// Built-in kinds the stack (and most manifests) use: no discovery round trip for them.
const BUILT_IN: Readonly<Record<string, ResourceInfo>> = {
  'v1/Namespace': { plural: 'namespaces', namespaced: false },
  'v1/ConfigMap': { plural: 'configmaps', namespaced: true },
  'v1/Secret': { plural: 'secrets', namespaced: true },
  'v1/Service': { plural: 'services', namespaced: true },
  'v1/ServiceAccount': { plural: 'serviceaccounts', namespaced: true },
  'v1/PersistentVolumeClaim': { plural: 'persistentvolumeclaims', namespaced: true },
  'v1/PersistentVolume': { plural: 'persistentvolumes', namespaced: false },
  'v1/Pod': { plural: 'pods', namespaced: true },
  'v1/Event': { plural: 'events', namespaced: true },
  'v1/Endpoints': { plural: 'endpoints', namespaced: true },
  'apps/v1/Deployment': { plural: 'deployments', namespaced: true },
  'apps/v1/StatefulSet': { plural: 'statefulsets', namespaced: true },
  'apps/v1/DaemonSet': { plural: 'daemonsets', namespaced: true },
  'apps/v1/ReplicaSet': { plural: 'replicasets', namespaced: true },
  'batch/v1/Job': { plural: 'jobs', namespaced: true },
  'batch/v1/CronJob': { plural: 'cronjobs', namespaced: true },
  'autoscaling/v2/HorizontalPodAutoscaler': { plural: 'horizontalpodautoscalers', namespaced: true },
  'autoscaling/v1/HorizontalPodAutoscaler': { plural: 'horizontalpodautoscalers', namespaced: true },
  'networking.k8s.io/v1/Ingress': { plural: 'ingresses', namespaced: true },
  'networking.k8s.io/v1/NetworkPolicy': { plural: 'networkpolicies', namespaced: true },
  'policy/v1/PodDisruptionBudget': { plural: 'poddisruptionbudgets', namespaced: true },
  'rbac.authorization.k8s.io/v1/Role': { plural: 'roles', namespaced: true },
  'rbac.authorization.k8s.io/v1/RoleBinding': { plural: 'rolebindings', namespaced: true },
  'rbac.authorization.k8s.io/v1/ClusterRole': { plural: 'clusterroles', namespaced: false },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': { plural: 'clusterrolebindings', namespaced: false },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': { plural: 'customresourcedefinitions', namespaced: false },
  'apiregistration.k8s.io/v1/APIService': { plural: 'apiservices', namespaced: false },
  'storage.k8s.io/v1/StorageClass': { plural: 'storageclasses', namespaced: false },
};

export function builtInResource(apiVersion: string, kind: string): ResourceInfo | undefined {
  return BUILT_IN[`${apiVersion}/${kind}`];
}

/** `/api/v1` or `/apis/apps/v1`. */
export function apiVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The collection URL of a kind, in a namespace when it is namespaced. */
export function collectionPath(apiVersion: string, resource: ResourceInfo, namespace?: string): string {
  const base = apiVersionPath(apiVersion);
  return resource.namespaced && namespace !== undefined
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`
    : `${base}/${resource.plural}`;
}

export function objectPath(apiVersion: string, resource: ResourceInfo, name: string, namespace?: string): string {
  return `${collectionPath(apiVersion, resource, namespace)}/${encodeURIComponent(name)}`;
}

/** Reads a kind out of an APIResourceList (discovery for one group/version). */
export function resourceFromDiscovery(list: unknown, apiVersion: string, kind: string): Result<ResourceInfo> {
  const resources = isRecord(list) && Array.isArray(list.resources) ? (list.resources as unknown[]) : [];
  const found = resources.find(
    (r) => isRecord(r) && r.kind === kind && typeof r.name === 'string' && !r.name.includes('/'),
  );
  if (!isRecord(found)) return err(`the cluster does not serve kind ${kind} in ${apiVersion} (is its CRD installed?)`);
  return ok({ plural: String(found.name), namespaced: found.namespaced === true });
}
