// PersistentVolumeClaim binding, standing in for a dynamic provisioner: claims with no
// storageClassName or the class "standard" get a simulated PV (pvc-<uid>) and become Bound after a
// short provisioning delay; any other class stays Pending with a ProvisioningFailed warning, as when
// the StorageClass does not exist. Simplified: no StorageClass objects, capacity = the request.
import { type SimContext, later } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { R, arr, o, str } from './util';

export const KNOWN_STORAGE_CLASSES = new Set(['standard']);
/** Local-path style provisioners bind within a second or two. */
const PROVISION_MS = 800;

/** Provisions one PersistentVolumeClaim (the stored object) unless it is Bound or already in hand. */
export function reconcileVolume(ctx: SimContext, pvc: KObject, inFlight: Set<string>): void {
  const m = meta(pvc);
  const uid = m.uid ?? '';
  if (o(pvc.status).phase === 'Bound' || inFlight.has(uid)) return;
  inFlight.add(uid);
  const cls = typeof o(pvc.spec).storageClassName === 'string' ? str(o(pvc.spec).storageClassName) : undefined;
  if (cls !== undefined && !KNOWN_STORAGE_CLASSES.has(cls)) {
    recordEvent(ctx, R.pvc, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`, 'persistentvolume-controller');
    return;
  }
  later(ctx, PROVISION_MS, () => {
    const live = ctx.store.peek(R.pvc, m.namespace, m.name ?? '');
    if (!live || meta(live).uid !== uid) return;
    const pvName = `pvc-${uid}`;
    const storage = str(o(o(o(live.spec).resources).requests).storage, '1Gi');
    const accessModes = arr(o(live.spec).accessModes).length ? o(live.spec).accessModes : ['ReadWriteOnce'];
    ctx.store.create(R.pv, {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': 'starter-sim/local-path' } },
      spec: { capacity: { storage }, accessModes, persistentVolumeReclaimPolicy: 'Delete', storageClassName: cls ?? 'standard', hostPath: { path: `/var/starter-sim/${pvName}` }, claimRef: { kind: 'PersistentVolumeClaim', namespace: m.namespace, name: m.name, uid } },
      status: { phase: 'Bound' },
    });
    const next = structuredClone(live);
    const spec = o(next.spec);
    spec.volumeName = pvName;
    spec.storageClassName = cls ?? 'standard';
    next.spec = spec;
    next.status = { phase: 'Bound', accessModes, capacity: { storage } };
    ctx.store.update(R.pvc, next, live);
    recordEvent(ctx, R.pvc, next, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, 'starter-sim/local-path');
  });
}
