/**
 * Pod checks that depend on the node's operating system or kernel: validateWindows (a pod whose os is windows) and
 * ValidateAppArmorPodAnnotations (pkg/apis/core/validation).
 */
import { rec, type Rec } from '../../access';
import type { Path } from '../../parse';
import { items } from './fields';
import { isPlaceholder } from './formats';
import type { Problems } from './problems';

const unset = (v: unknown) => v === undefined || v === null;
const WINDOWS = 'cannot be set for a windows pod';
/** The pod securityContext fields validateWindows has refused since pod OS was introduced (1.23). */
const WINDOWS_POD_FORBIDDEN = [
  'seLinuxOptions',
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
];
const WINDOWS_CONTAINER_FORBIDDEN = [
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

/**
 * validateWindows: a pod with `os.name: windows` may not carry Linux-only settings (its Windows ones go under
 * windowsOptions). Fields added to the list in later versions (appArmorProfile, hostUsers, …) are left out.
 */
export function checkWindowsPod(p: Problems, spec: Rec, path: Path): void {
  const context = rec(spec.securityContext);
  for (const field of WINDOWS_POD_FORBIDDEN)
    if (!unset(context?.[field])) p.forbidden([...path, 'securityContext', field], WINDOWS);
  if (Array.isArray(context?.sysctls) && context.sysctls.length > 0)
    p.forbidden([...path, 'securityContext', 'sysctls'], WINDOWS);
  if (spec.hostPID === true) p.forbidden([...path, 'hostPID'], WINDOWS);
  if (spec.hostIPC === true) p.forbidden([...path, 'hostIPC'], WINDOWS);
  if (!unset(spec.shareProcessNamespace)) p.forbidden([...path, 'shareProcessNamespace'], WINDOWS);
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'])
    for (const [c, cPath] of items(spec, path, field)) {
      const sc = rec(c.securityContext);
      for (const key of WINDOWS_CONTAINER_FORBIDDEN)
        if (!unset(sc?.[key])) p.forbidden([...cPath, 'securityContext', key], WINDOWS);
    }
}

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * ValidateAppArmorPodAnnotations (a Pod's metadata, or a template's, reported as `spec.template.annotations[…]` as
 * ValidatePodTemplateSpec does): the annotation names a container of the pod and a profile the kubelet knows.
 */
export function checkAppArmorAnnotations(
  p: Problems,
  meta: Path,
  annotations: unknown,
  spec: Rec,
  reported: Path,
): void {
  const names = new Set(
    ['initContainers', 'containers', 'ephemeralContainers'].flatMap((f) => items(spec, [], f).map(([c]) => c.name)),
  );
  for (const [key, profile] of Object.entries(rec(annotations) ?? {})) {
    if (!key.startsWith(APPARMOR_PREFIX) || isPlaceholder(key)) continue;
    const container = key.slice(APPARMOR_PREFIX.length);
    const path = [...reported, `annotations[${key}]`];
    const at = [...meta, 'annotations', key];
    if (!names.has(container)) p.invalid(path, container, 'container not found', at);
    if (typeof profile !== 'string' || isPlaceholder(profile)) continue;
    if (!['', 'runtime/default', 'unconfined'].includes(profile) && !profile.startsWith('localhost/'))
      p.invalid(path, profile, `invalid AppArmor profile name: ${JSON.stringify(profile)}`, at);
  }
}
