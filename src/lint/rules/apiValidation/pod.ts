/** Pod spec checks of pkg/apis/core/validation (ValidatePodSpec, validateContainers, validateVolumes, …). */
import { num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { atLeast, duplicates, format, items, nonNegative } from './fields';
import { dns1123Label, dns1123Subdomain, envVarName, ipAddress, isPlaceholder, portName, portNumber } from './formats';
import { checkResources } from './resources';
import { checkWindowsPod } from './podOs';
import type { Problems } from './problems';

const MAX_INT32 = 2147483647;
const ID_RANGE = `must be between 0 and ${MAX_INT32}, inclusive`;

/** Checks one pod spec; `template` when it sits in a workload's pod template, else a Pod being created. */
export function checkPodSpec(p: Problems, spec: Rec, path: Path, template: boolean): void {
  const containers = items(spec, path, 'containers');
  const inits = items(spec, path, 'initContainers');
  const ephemeral = items(spec, path, 'ephemeralContainers');
  if (ephemeral.length > 0)
    p.forbidden(
      [...path, 'ephemeralContainers'],
      template ? 'ephemeral containers not allowed in pod template' : 'cannot be set on create',
    );
  for (const [c, cPath] of [...containers, ...inits, ...ephemeral]) format(p, c, cPath, 'name', dns1123Label);
  duplicates(p, [...containers, ...inits, ...ephemeral], 'name');
  for (const [c, cPath] of [...containers, ...inits]) checkContainer(p, c, cPath);
  for (const [c, cPath] of containers) checkProbes(p, c, cPath);
  checkVolumes(p, spec, path);
  checkTolerations(p, spec, path);
  for (const [t, tPath] of items(spec, path, 'topologySpreadConstraints'))
    atLeast(p, t, tPath, 'maxSkew', 1, 'must be greater than zero');
  checkIds(p, rec(spec.securityContext), [...path, 'securityContext'], ['runAsUser', 'runAsGroup', 'fsGroup']);
  checkHostAliases(p, spec, path);
  if (str(rec(spec.os)?.name) === 'windows') checkWindowsPod(p, spec, path);
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32))
    p.invalid([...path, 'activeDeadlineSeconds'], deadline, `must be between 1 and ${MAX_INT32}, inclusive`);
}

/**
 * ValidateHostAliases: each entry's ip is an IP address and its hostnames DNS subdomains. A single trailing dot is left
 * alone: newer versions accept the fully qualified form.
 */
function checkHostAliases(p: Problems, spec: Rec, path: Path): void {
  for (const [alias, aliasPath] of items(spec, path, 'hostAliases')) {
    format(p, alias, aliasPath, 'ip', ipAddress);
    const names = alias.hostnames;
    if (Array.isArray(names))
      names.forEach((name, i) => {
        if (typeof name !== 'string' || name === '' || isPlaceholder(name)) return;
        for (const m of dns1123Subdomain(name.replace(/\.$/, ''))) p.invalid([...aliasPath, 'hostnames', i], name, m);
      });
  }
}

function checkIds(p: Problems, holder: Rec | undefined, path: Path, fields: readonly string[]): void {
  for (const field of fields) {
    const value = num(holder?.[field]);
    if (value !== undefined && (value < 0 || value > MAX_INT32)) p.invalid([...path, field], value, ID_RANGE);
  }
}

function checkContainer(p: Problems, c: Rec, path: Path): void {
  for (const [port, portPath] of items(c, path, 'ports')) {
    const number = num(port.containerPort);
    if (number !== undefined) for (const m of portNumber(number)) p.invalid([...portPath, 'containerPort'], number, m);
    const host = num(port.hostPort);
    if (host !== undefined && host !== 0)
      for (const m of portNumber(host)) p.invalid([...portPath, 'hostPort'], host, m);
    format(p, port, portPath, 'name', portName);
  }
  for (const [env, envPath] of items(c, path, 'env')) {
    format(p, env, envPath, 'name', envVarName);
    const ref = rec(rec(env.valueFrom)?.fieldRef);
    if (ref) checkFieldPath(p, ref, [...envPath, 'valueFrom', 'fieldRef'], ENV_FIELD_PATHS);
  }
  const mounts = new Set<string>();
  for (const [mount, mountPath] of items(c, path, 'volumeMounts')) {
    const at = str(mount.mountPath);
    if (at === undefined) continue;
    if (mounts.has(at)) p.invalid([...mountPath, 'mountPath'], at, 'must be unique');
    mounts.add(at);
  }
  checkResources(p, rec(c.resources), [...path, 'resources']);
  checkIds(p, rec(c.securityContext), [...path, 'securityContext'], ['runAsUser', 'runAsGroup']);
}

/** Downward API fields an env var (or a volume file) may read; `metadata.labels['k']` style is always allowed. */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const VOLUME_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.uid',
];
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['[^']*'\]$/;

function checkFieldPath(p: Problems, ref: Rec, path: Path, supported: readonly string[]): void {
  const value = str(ref.fieldPath);
  if (value === undefined || value === '' || SUBSCRIPTED.test(value) || supported.includes(value)) return;
  p.unsupported([...path, 'fieldPath'], value, supported);
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function checkProbes(p: Problems, c: Rec, path: Path): void {
  for (const kind of PROBES) {
    const probe = rec(c[kind]);
    if (!probe) continue;
    const probePath = [...path, kind];
    const fields = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
    nonNegative(p, probe, probePath, fields);
    const success = num(probe.successThreshold);
    if (kind !== 'readinessProbe' && success !== undefined && success > 1)
      p.invalid([...probePath, 'successThreshold'], success, 'must be 1');
    checkProbeGrace(p, probe, probePath, kind);
    checkHandler(p, probe, probePath);
  }
}

function checkProbeGrace(p: Problems, probe: Rec, path: Path, kind: string): void {
  const grace = num(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && kind === 'readinessProbe')
    p.invalid([...path, 'terminationGracePeriodSeconds'], grace, 'must not be set for readinessProbes');
}

function checkHandler(p: Problems, probe: Rec, path: Path): void {
  const set = HANDLERS.filter((h) => rec(probe[h]) !== undefined);
  if (set.length === 0) p.required(path, 'must specify a handler type');
  for (const extra of set.slice(1)) p.forbidden([...path, extra], 'may not specify more than 1 handler type');
  for (const h of ['httpGet', 'tcpSocket']) {
    const port = rec(probe[h])?.port;
    const portPath = [...path, h, 'port'];
    if (typeof port === 'number') for (const m of portNumber(port)) p.invalid(portPath, port, m);
    if (typeof port === 'string') format(p, rec(probe[h]), [...path, h], 'port', portName);
  }
  const grpc = num(rec(probe.grpc)?.port);
  if (grpc !== undefined) for (const m of portNumber(grpc)) p.invalid([...path, 'grpc', 'port'], grpc, m);
}

const VOLUME_SOURCES = [
  ...['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi'],
  ...['glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc'],
  ...['azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected'],
  ...['portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'],
];

function checkVolumes(p: Problems, spec: Rec, path: Path): void {
  const volumes = items(spec, path, 'volumes');
  duplicates(p, volumes, 'name');
  for (const [volume, vPath] of volumes) {
    format(p, volume, vPath, 'name', dns1123Label);
    const sources = VOLUME_SOURCES.filter((s) => volume[s] !== undefined && volume[s] !== null);
    for (const extra of sources.slice(1)) p.forbidden([...vPath, extra], 'may not specify more than 1 volume type');
    for (const source of ['configMap', 'secret', 'downwardAPI', 'projected'])
      checkModes(p, rec(volume[source]), [...vPath, source]);
    for (const [item, iPath] of items(rec(volume.downwardAPI), [...vPath, 'downwardAPI'], 'items')) {
      const ref = rec(item.fieldRef);
      if (ref) checkFieldPath(p, ref, [...iPath, 'fieldRef'], VOLUME_FIELD_PATHS);
    }
    for (const [source, sPath] of items(rec(volume.projected), [...vPath, 'projected'], 'sources'))
      checkTokenExpiry(p, rec(source.serviceAccountToken), [...sPath, 'serviceAccountToken']);
  }
}

/** validateProjectionSources: a projected token lives between 10 minutes and 2^32 seconds (unset: 1 hour). */
function checkTokenExpiry(p: Problems, token: Rec | undefined, path: Path): void {
  const seconds = num(token?.expirationSeconds);
  const at = [...path, 'expirationSeconds'];
  if (seconds !== undefined && seconds < 600) p.invalid(at, seconds, 'may not specify a duration less than 10 minutes');
  if (seconds !== undefined && seconds > 2 ** 32)
    p.invalid(at, seconds, 'may not specify a duration larger than 2^32 seconds');
}

const MODE = 'must be a number between 0 and 0777 (octal), both inclusive';

function checkModes(p: Problems, source: Rec | undefined, path: Path): void {
  if (!source) return;
  const mode = num(source.defaultMode);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) p.invalid([...path, 'defaultMode'], mode, MODE);
  for (const [item, iPath] of items(source, path, 'items')) {
    const itemMode = num(item.mode);
    if (itemMode !== undefined && (itemMode < 0 || itemMode > 0o777)) p.invalid([...iPath, 'mode'], itemMode, MODE);
  }
}

function checkTolerations(p: Problems, spec: Rec, path: Path): void {
  for (const [t, tPath] of items(spec, path, 'tolerations')) {
    const operator = str(t.operator) ?? '';
    const key = str(t.key) ?? '';
    const value = str(t.value) ?? '';
    if (key === '' && (operator === 'Equal' || operator === ''))
      p.invalid(
        [...tPath, 'operator'],
        operator,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      );
    if (operator === 'Exists' && value !== '')
      p.invalidBecause([...tPath, 'operator'], value, "value must be empty when `operator` is 'Exists'", [
        ...tPath,
        'value',
      ]);
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && str(t.effect) !== 'NoExecute')
      p.invalid(
        [...tPath, 'effect'],
        str(t.effect) ?? '',
        "effect must be 'NoExecute' when `tolerationSeconds` is set",
        [...tPath, 'tolerationSeconds'],
      );
  }
}
