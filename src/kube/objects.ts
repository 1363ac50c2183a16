/** The part of a Kubernetes object every manifest has; the rest is kind-specific. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
  generation?: number;
  [field: string]: unknown;
}

/** Which object, in the words a user reads: `Deployment starter/web` or `ClusterRole starter-reader`. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export function refOf(object: KubeObject): ObjectRef {
  const { apiVersion, kind, metadata } = object;
  return metadata.namespace === undefined
    ? { apiVersion, kind, name: metadata.name }
    : { apiVersion, kind, name: metadata.name, namespace: metadata.namespace };
}

export function formatRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** The label every object of the stack carries; `delete` finds what to remove by it. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const PART_OF_VALUE = 'starter-stack';
export const STACK_SELECTOR = `${PART_OF_LABEL}=${PART_OF_VALUE}`;

/**
 * The namespace of the stack a cluster-scoped object (ClusterRole, ClusterRoleBinding) belongs to: two stacks in two
 * namespaces each have their own, and `delete` removes only those of the namespace it deletes.
 */
export const OWNER_NAMESPACE_LABEL = 'starter-stack.dev/namespace';

/** The field manager our server-side applies use. */
export const FIELD_MANAGER = 'starter-stack';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of a LIST answer (as the server sent them: without apiVersion and kind). */
export function itemsOf(list: unknown): KubeObject[] {
  return isRecord(list) && Array.isArray(list.items) ? (list.items as KubeObject[]) : [];
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}
