// StatefulSet controller (basic): pods <name>-0..N-1 created in order (OrderedReady: the next one only
// when the previous is Ready; Parallel: all at once), PVCs from volumeClaimTemplates named
// <template>-<name>-<ordinal>, scale-down from the highest ordinal, template changes replace pods
// from the highest ordinal one at a time. Simplified: no partitions, no controller revisions objects.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { podFromTemplate } from './replicaset';
import { R, arr, controlled, isPodReady, modify, num, o, templateHash } from './util';

/** Reconciles one StatefulSet (the stored object). */
export function reconcileStatefulSet(ctx: SimContext, sts: KObject, createPod: (pod: KObject) => void): void {
  const m = meta(sts);
  const ns = m.namespace ?? 'default';
  const spec = o(sts.spec);
  // The claim a pod's volume names must be the one created for it.
  const claimName = (tpl: Record<string, unknown>, i: number) => `${String(o(tpl.metadata).name)}-${m.name}-${i}`;
  const created = (message: string) =>
    recordEvent(ctx, R.statefulSet, sts, 'Normal', 'SuccessfulCreate', message, 'statefulset-controller');
  const replicas = num(spec.replicas, 1);
  const hash = `${m.name}-${templateHash(spec.template)}`;
  const parallel = spec.podManagementPolicy === 'Parallel';
  const pods = controlled(ctx, R.pod, sts);
  const byOrdinal = (i: number) => pods.find((p) => meta(p).name === `${m.name}-${i}`);
  for (let i = 0; i < replicas; i++) {
    if (byOrdinal(i)) {
      if (!parallel && !isPodReady(byOrdinal(i)!)) break;
      continue;
    }
    for (const tpl of arr(spec.volumeClaimTemplates)) {
      const claim = claimName(tpl, i);
      if (!ctx.store.peek(R.pvc, ns, claim)) {
        ctx.store.create(R.pvc, {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: claim, namespace: ns, labels: o(o(spec.selector).matchLabels) as Record<string, string> },
          spec: structuredClone(o(tpl.spec)),
          status: { phase: 'Pending' },
        });
        created(`create Claim ${claim} Pod ${m.name}-${i} in StatefulSet ${m.name} success`);
      }
    }
    const pod = podFromTemplate(spec.template, ns, `${m.name}-${i}`, sts, R.statefulSet, {
      'controller-revision-hash': hash,
      'statefulset.kubernetes.io/pod-name': `${m.name}-${i}`,
      'apps.kubernetes.io/pod-index': String(i),
    });
    const podSpec = pod.spec as Record<string, unknown>;
    podSpec.hostname = `${m.name}-${i}`;
    if (typeof spec.serviceName === 'string') podSpec.subdomain = spec.serviceName;
    podSpec.volumes = [
      ...arr(podSpec.volumes),
      ...arr(spec.volumeClaimTemplates).map((t) => ({
        name: o(t.metadata).name,
        persistentVolumeClaim: { claimName: claimName(t, i) },
      })),
    ];
    createPod(pod);
    created(`create Pod ${m.name}-${i} in StatefulSet ${m.name} successful`);
    if (!parallel) break;
  }
  for (const p of pods) {
    const ordinal = Number(meta(p).name?.slice((m.name ?? '').length + 1));
    if (ordinal >= replicas) ctx.store.delete(R.pod, ns, meta(p).name ?? '');
  }
  const outdated = pods
    .filter((p) => (meta(p).labels ?? {})['controller-revision-hash'] !== hash)
    .sort((a, b) => String(meta(b).name).localeCompare(String(meta(a).name)));
  if (outdated.length && pods.every(isPodReady)) ctx.store.delete(R.pod, ns, meta(outdated[0]!).name ?? '');
  const current = controlled(ctx, R.pod, sts);
  const ready = current.filter(isPodReady).length;
  const updated = current.filter((p) => (meta(p).labels ?? {})['controller-revision-hash'] === hash).length;
  modify(ctx, R.statefulSet, ns, m.name ?? '', (x) => {
    x.status = {
      observedGeneration: m.generation,
      replicas: current.length,
      readyReplicas: ready,
      currentReplicas: updated,
      updatedReplicas: updated,
      availableReplicas: ready,
      currentRevision: hash,
      updateRevision: hash,
      collisionCount: 0,
    };
  });
}
