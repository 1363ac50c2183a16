// Server-side defaulting for the fields clients (kubectl rollout status, describe, our tree view) rely on.
// The real server defaults many more fields; these are the ones whose absence would change behaviour.
import { type ResourceType } from './resources';
import { type KObject, meta } from './store';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const setDefault = (o: Obj, key: string, value: unknown) => {
  if (o[key] === undefined) o[key] = value;
};

let nextClusterIP = 10;

export function podSpecDefaults(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  for (const c of [
    ...((spec.containers as Obj[] | undefined) ?? []),
    ...((spec.initContainers as Obj[] | undefined) ?? []),
  ]) {
    const image = typeof c.image === 'string' ? c.image : '';
    setDefault(c, 'imagePullPolicy', image.endsWith(':latest') || !/:[^/]+$/.test(image) ? 'Always' : 'IfNotPresent');
    setDefault(c, 'terminationMessagePath', '/dev/termination-log');
    setDefault(c, 'terminationMessagePolicy', 'File');
    setDefault(c, 'resources', {});
    for (const p of (c.ports as Obj[] | undefined) ?? []) setDefault(p, 'protocol', 'TCP');
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      if (typeof c[probe] !== 'object' || c[probe] === null) continue;
      const pr = c[probe] as Obj;
      setDefault(pr, 'timeoutSeconds', 1);
      setDefault(pr, 'periodSeconds', 10);
      setDefault(pr, 'successThreshold', 1);
      setDefault(pr, 'failureThreshold', 3);
      if (typeof pr.httpGet === 'object' && pr.httpGet !== null) setDefault(pr.httpGet as Obj, 'scheme', 'HTTP');
    }
  }
}

/**
 * The real server decodes a pod template into typed structs, where `creationTimestamp: null` (which kubectl sends
 * in every template it writes) and no creationTimestamp are the same zero value, encoded alike on the way out.
 */
function normaliseTemplateMetadata(spec: Obj): void {
  const metadata = obj(obj(spec.template).metadata);
  if (metadata.creationTimestamp === null) delete metadata.creationTimestamp;
}

export function applyDefaults(r: ResourceType, o: KObject): void {
  const spec = obj(o.spec);
  switch (r.kind) {
    case 'Namespace':
      meta(o).labels = { ...meta(o).labels, 'kubernetes.io/metadata.name': meta(o).name ?? '' };
      o.spec = { finalizers: ['kubernetes'], ...spec };
      o.status = { phase: 'Active' };
      break;
    case 'Service': {
      o.spec = spec;
      setDefault(spec, 'type', 'ClusterIP');
      setDefault(spec, 'sessionAffinity', 'None');
      if (spec.clusterIP === undefined) {
        spec.clusterIP = `10.96.${Math.floor(nextClusterIP / 250)}.${nextClusterIP % 250}`;
        nextClusterIP++;
      }
      setDefault(spec, 'clusterIPs', [spec.clusterIP]);
      setDefault(spec, 'ipFamilies', ['IPv4']);
      setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
      setDefault(spec, 'internalTrafficPolicy', 'Cluster');
      for (const p of (spec.ports as Obj[] | undefined) ?? []) {
        setDefault(p, 'protocol', 'TCP');
        setDefault(p, 'targetPort', p.port);
      }
      setDefault(o, 'status', { loadBalancer: {} });
      break;
    }
    case 'Deployment':
      o.spec = spec;
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      setDefault(spec, 'strategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      });
      normaliseTemplateMetadata(spec);
      podSpecDefaults(obj(obj(spec.template).spec));
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      o.spec = spec;
      if (r.kind !== 'DaemonSet') setDefault(spec, 'replicas', 1);
      if (r.kind === 'StatefulSet') {
        setDefault(spec, 'podManagementPolicy', 'OrderedReady');
        setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
      }
      if (r.kind === 'DaemonSet')
        setDefault(spec, 'updateStrategy', {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
        });
      normaliseTemplateMetadata(spec);
      podSpecDefaults(obj(obj(spec.template).spec));
      break;
    case 'Pod':
      o.spec = spec;
      podSpecDefaults(spec);
      setDefault(o, 'status', { phase: 'Pending', qosClass: 'BestEffort' });
      break;
    case 'PersistentVolumeClaim':
      o.spec = spec;
      setDefault(spec, 'volumeMode', 'Filesystem');
      setDefault(o, 'status', { phase: 'Pending' });
      break;
    case 'Secret':
      setDefault(o, 'type', 'Opaque');
      break;
    default:
      break;
  }
}
