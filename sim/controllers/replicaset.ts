// ReplicaSet controller: keeps spec.replicas pods (owned via a controller ownerReference) and reports
// replicas/readyReplicas/availableReplicas. Simplified: available = ready (minReadySeconds ignored);
// scale-down removes not-ready pods first, then the newest.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { R, controlled, isPodReady, modify, num, o, ownerRef, suffix } from './util';

export function podFromTemplate(
  template: unknown,
  namespace: string,
  name: string,
  owner: KObject,
  ownerType: typeof R.replicaSet,
  extraLabels: Record<string, string> = {},
): KObject {
  const t = structuredClone(o(template));
  const tm = o(t.metadata);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...tm,
      name,
      namespace,
      labels: { ...(tm.labels as Record<string, string> | undefined), ...extraLabels },
      ownerReferences: [ownerRef(ownerType, owner)],
    },
    spec: structuredClone(o(t.spec)),
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

/** Reconciles one ReplicaSet (the stored object). */
export function reconcileReplicaSet(ctx: SimContext, rs: KObject, createPod: (pod: KObject) => void): void {
  const m = meta(rs);
  const spec = o(rs.spec);
  const want = num(spec.replicas, 1);
  const mine = controlled(ctx, R.pod, rs);
  if (mine.length < want) {
    for (let i = mine.length; i < want; i++) {
      const name = `${m.name}-${suffix()}`;
      const hash = (o(o(spec.template).metadata).labels as Record<string, string> | undefined)?.['pod-template-hash'];
      createPod(
        podFromTemplate(
          spec.template,
          m.namespace ?? 'default',
          name,
          rs,
          R.replicaSet,
          hash ? { 'pod-template-hash': hash } : {},
        ),
      );
      recordEvent(ctx, R.replicaSet, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, 'replicaset-controller');
    }
  } else if (mine.length > want) {
    const victims = [...mine].sort(
      (a, b) =>
        Number(isPodReady(a)) - Number(isPodReady(b)) ||
        String(meta(b).creationTimestamp).localeCompare(String(meta(a).creationTimestamp)),
    );
    for (const p of victims.slice(0, mine.length - want)) {
      ctx.store.delete(R.pod, m.namespace, meta(p).name ?? '');
      recordEvent(
        ctx,
        R.replicaSet,
        rs,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${meta(p).name}`,
        'replicaset-controller',
      );
    }
  }
  const current = controlled(ctx, R.pod, rs);
  const ready = current.filter(isPodReady).length;
  modify(ctx, R.replicaSet, m.namespace, m.name ?? '', (x) => {
    const st = o(x.status);
    x.status = {
      ...st,
      replicas: current.length,
      fullyLabeledReplicas: current.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: m.generation,
    };
    if (!ready) delete (x.status as Record<string, unknown>).readyReplicas;
    if (!ready) delete (x.status as Record<string, unknown>).availableReplicas;
  });
}
