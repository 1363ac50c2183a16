/** Object names, ConfigMap/Secret keys, RBAC bindings, PriorityClass values and StorageClass reclaim policies. */
import { rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { closestFix, format, items } from './fields';
import { configKey, dns1035Label, dns1123Label, dns1123Subdomain, isPlaceholder, quantity } from './formats';
import type { Problems } from './problems';

/** How each kind's metadata.name is validated (kinds not listed, like RBAC roles, follow other rules). */
const NAME_FORMATS: Record<string, (v: string) => string[]> = {
  Namespace: dns1123Label,
  Service: dns1035Label,
  ...Object.fromEntries(
    [
      ...['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
      ...['ConfigMap', 'Secret', 'ServiceAccount', 'Ingress', 'NetworkPolicy', 'PriorityClass', 'StorageClass'],
      ...['RuntimeClass', 'LimitRange'],
    ].map((kind) => [kind, dns1123Subdomain]),
  ),
};

export function checkMetadata(p: Problems, kind: string, value: Rec): void {
  const metadata = rec(value.metadata);
  const test = Object.hasOwn(NAME_FORMATS, kind) ? NAME_FORMATS[kind] : undefined;
  if (test) format(p, metadata, ['metadata'], 'name', test);
  if (kind === 'CronJob')
    format(p, metadata, ['metadata'], 'name', (v) => (v.length > 52 ? ['must be no more than 52 characters'] : []));
  format(p, metadata, ['metadata'], 'namespace', dns1123Label);
}

export function checkConfigData(p: Problems, kind: string, value: Rec): void {
  const fields = kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  for (const field of fields)
    for (const key of Object.keys(rec(value[field]) ?? {}))
      if (!key.includes('{{')) for (const m of configKey(key)) p.invalid([field, key], key, m);
  if (kind === 'ConfigMap')
    for (const key of Object.keys(rec(value.data) ?? {}))
      if (Object.hasOwn(rec(value.binaryData) ?? {}, key))
        p.invalid(['data', key], key, 'duplicate of key present in binaryData');
  if (kind === 'Secret') checkSecretType(p, value);
}

const REQUIRED_KEYS: Record<string, readonly string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

function checkSecretType(p: Problems, value: Rec): void {
  const type = str(value.type) ?? '';
  const required = Object.hasOwn(REQUIRED_KEYS, type) ? REQUIRED_KEYS[type] : undefined;
  const keys = new Set([...Object.keys(rec(value.data) ?? {}), ...Object.keys(rec(value.stringData) ?? {})]);
  for (const key of required ?? []) if (!keys.has(key)) p.required(['data', key], '', ['type']);
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function checkBinding(p: Problems, kind: string, value: Rec): void {
  const roleRef = rec(value.roleRef);
  const refKind = str(roleRef?.kind);
  const allowed = kind === 'ClusterRoleBinding' ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (refKind !== undefined && refKind !== '' && !allowed.includes(refKind))
    p.unsupported(['roleRef', 'kind'], refKind, allowed);
  const group = str(roleRef?.apiGroup);
  if (group !== undefined && group !== RBAC_GROUP) p.unsupported(['roleRef', 'apiGroup'], group, [RBAC_GROUP]);
  // Subjects (kind, apiGroup, namespace) are binding-subject's: one finding per problem, never two.
}

const HIGHEST_USER_PRIORITY = 1000000000;
/** scheduling.SystemPriorityClasses: the only names the reserved `system-` prefix may take, with their values. */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** ValidatePriorityClass (pkg/apis/scheduling/validation): the `system-` prefix is reserved, user values stop at 1e9. */
export function checkPriorityClass(p: Problems, value: Rec): void {
  const name = str(rec(value.metadata)?.name) ?? '';
  const priority = value.value;
  if (name.startsWith('system-')) {
    const reason = isPlaceholder(name) ? undefined : notSystemClass(name, priority, value.globalDefault);
    if (reason)
      p.forbidden(
        ['metadata', 'name'],
        `priority class names with 'system-' prefix are reserved for system use only. error: ${reason}`,
      );
  } else if (typeof priority === 'number' && priority > HIGHEST_USER_PRIORITY)
    p.forbidden(['value'], `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`);
}

/** IsKnownSystemPriorityClass's error, or undefined when the class is one of the two built-in ones as they are. */
function notSystemClass(name: string, priority: unknown, globalDefault: unknown): string | undefined {
  const known = Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name) ? SYSTEM_PRIORITY_CLASSES[name] : undefined;
  if (known === undefined) return `${name} is not a known system priority class`;
  if (typeof priority === 'number' && priority !== known) return `value of ${name} PriorityClass must be ${known}`;
  if (globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

const STORAGE_CLASS_RECLAIM = ['Delete', 'Retain'];

/**
 * validateReclaimPolicy (pkg/apis/storage/validation): a StorageClass provisions volumes that are deleted or
 * retained. Recycle, which a PersistentVolume still accepts (deprecated), is refused here.
 */
export function checkStorageClass(p: Problems, value: Rec): void {
  const policy = str(value.reclaimPolicy);
  if (policy === undefined || policy === '' || STORAGE_CLASS_RECLAIM.includes(policy)) return;
  p.unsupported(
    ['reclaimPolicy'],
    policy,
    STORAGE_CLASS_RECLAIM,
    STORAGE_CLASS_RECLAIM.map((to) => ({ title: `Set reclaimPolicy to ${to}`, path: ['reclaimPolicy'], text: to })),
  );
}

/** ValidateRuntimeClass: the handler names a CRI runtime handler and must be a DNS label (no `_`, no capitals). */
export function checkRuntimeClass(p: Problems, value: Rec): void {
  format(p, value, [], 'handler', dns1123Label);
}

const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

/**
 * validateLimitRangeTypeName: a type without a `/` must be one of the standard limit types. A qualified name
 * (`example.com/gpu-pod`) is accepted, and a value that is no qualified name at all gets another message: left alone.
 */
export function checkLimitRange(p: Problems, value: Rec): void {
  for (const [limit, at] of items(rec(value.spec), ['spec'], 'limits')) {
    checkLimitOrder(p, limit, at);
    const type = str(limit.type);
    if (type === undefined || type.includes('/') || LIMIT_TYPES.includes(type)) continue;
    if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(type)) continue;
    const path = [...at, 'type'];
    p.invalid(
      path,
      type,
      'must be a standard limit type or fully qualified',
      undefined,
      closestFix(type, LIMIT_TYPES, path),
    );
  }
}

/**
 * ValidateLimitRange's ordering of one item's quantities, per resource: min <= defaultRequest <= default <= max, and a
 * maxLimitRequestRatio of at least 1. Only the quantities written are compared; defaulting (default from max,
 * defaultRequest from default or min) can add rejections this leaves unreported.
 */
function checkLimitOrder(p: Problems, limit: Rec, at: Path): void {
  const group = (field: string) => rec(limit[field]) ?? {};
  const [min, max, defaults, requests] = ['min', 'max', 'default', 'defaultRequest'].map(group);
  const above = (a: unknown, b: unknown) => {
    const [x, y] = [quantity(a), quantity(b)];
    return x !== undefined && y !== undefined && x > y + Math.abs(y) * 1e-9;
  };
  const has = (values: Rec | undefined, name: string) => values !== undefined && Object.hasOwn(values, name);
  const show = (v: unknown) => String(v);
  const names = new Set([min, max, defaults, requests].flatMap((g) => Object.keys(g ?? {})));
  for (const name of names) {
    const [lo, hi, limitValue, request] = [min, max, defaults, requests].map((g) =>
      has(g, name) ? g?.[name] : undefined,
    );
    if (above(lo, hi))
      p.invalid([...at, 'min', name], lo, `min value ${show(lo)} is greater than max value ${show(hi)}`);
    if (above(lo, request))
      p.invalid(
        [...at, 'defaultRequest', name],
        request,
        `min value ${show(lo)} is greater than default request value ${show(request)}`,
      );
    if (above(request, hi))
      p.invalid(
        [...at, 'defaultRequest', name],
        request,
        `default request value ${show(request)} is greater than max value ${show(hi)}`,
      );
    if (above(request, limitValue))
      p.invalid(
        [...at, 'defaultRequest', name],
        request,
        `default request value ${show(request)} is greater than default limit value ${show(limitValue)}`,
      );
    if (above(lo, limitValue))
      p.invalid(
        [...at, 'default', name],
        lo,
        `min value ${show(lo)} is greater than default value ${show(limitValue)}`,
      );
    if (above(limitValue, hi))
      p.invalid(
        [...at, 'default', name],
        hi,
        `default value ${show(limitValue)} is greater than max value ${show(hi)}`,
      );
  }
  for (const [name, ratio] of Object.entries(rec(limit.maxLimitRequestRatio) ?? {}))
    if (above(1, ratio)) p.invalid([...at, 'maxLimitRequestRatio', name], ratio, `ratio ${show(ratio)} is less than 1`);
}
