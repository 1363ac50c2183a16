// PersistentVolumeClaim binding, standing in for a dynamic provisioner: a claim naming an existing StorageClass,
// or naming none while a StorageClass is marked default, gets a simulated PV (pvc-<uid>) and becomes Bound after
// a short provisioning delay; a claim naming a missing class stays Pending with a ProvisioningFailed warning, and
// one naming none on a cluster without a default class stays Pending with FailedBinding, as on a real cluster.
// Simplified: capacity = the request; WaitForFirstConsumer binds like Immediate (the claims here all get a pod).
import { type SimContext, later } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { R, arr, o, str } from './util';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

function defaultClass(ctx: SimContext): string | undefined {
  const found = ctx.store.view(R.storageClass).find((sc) => (meta(sc).annotations ?? {})[DEFAULT_CLASS] === 'true');
  return found ? meta(found).name : undefined;
}

/** Local-path style provisioners bind within a second or two. */
const PROVISION_MS = 800;

/** Provisions one PersistentVolumeClaim (the stored object) unless it is Bound or already in hand. */
export function reconcileVolume(ctx: SimContext, pvc: KObject, inFlight: Set<string>): void {
  const m = meta(pvc);
  const uid = m.uid ?? '';
  if (o(pvc.status).phase === 'Bound' || inFlight.has(uid)) return;
  inFlight.add(uid);
  const named = typeof o(pvc.spec).storageClassName === 'string' ? str(o(pvc.spec).storageClassName) : undefined;
  const cls = named ?? defaultClass(ctx);
  if (cls === undefined) {
    recordEvent(
      ctx,
      R.pvc,
      pvc,
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
      'persistentvolume-controller',
    );
    return;
  }
  const storageClass = ctx.store.peek(R.storageClass, undefined, cls);
  if (!storageClass) {
    recordEvent(
      ctx,
      R.pvc,
      pvc,
      'Warning',
      'ProvisioningFailed',
      `storageclass.storage.k8s.io "${cls}" not found`,
      'persistentvolume-controller',
    );
    return;
  }
  const provisioner = str(storageClass.provisioner, 'starter-sim/local-path');
  later(ctx, PROVISION_MS, () => {
    const live = ctx.store.peek(R.pvc, m.namespace, m.name ?? '');
    if (!live || meta(live).uid !== uid) return;
    const pvName = `pvc-${uid}`;
    const storage = str(o(o(o(live.spec).resources).requests).storage, '1Gi');
    const accessModes = arr(o(live.spec).accessModes).length ? o(live.spec).accessModes : ['ReadWriteOnce'];
    ctx.store.create(R.pv, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': provisioner } },
      spec: {
        capacity: { storage },
        accessModes,
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: cls,
        hostPath: { path: `/var/starter-sim/${pvName}` },
        claimRef: { kind: 'PersistentVolumeClaim', namespace: m.namespace, name: m.name, uid },
      },
      status: { phase: 'Bound' },
    });
    const next = structuredClone(live);
    const spec = o(next.spec);
    spec.volumeName = pvName;
    spec.storageClassName = cls;
    next.spec = spec;
    next.status = { phase: 'Bound', accessModes, capacity: { storage } };
    ctx.store.update(R.pvc, next, live);
    recordEvent(
      ctx,
      R.pvc,
      next,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${pvName} (starter-sim)`,
      provisioner,
    );
  });
}
