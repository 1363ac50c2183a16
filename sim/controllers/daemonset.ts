// DaemonSet controller: one pod per simulated node (spec.nodeName preset), template changes replace
// outdated pods. Simplified: no node selectors/tolerations; outdated pods are replaced one at a time
// (maxUnavailable 1) once the others are ready.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { podFromTemplate } from './replicaset';
import { R, controlled, isPodReady, modify, o, suffix, templateHash } from './util';

/** Reconciles one DaemonSet (the stored object). */
export function reconcileDaemonSet(ctx: SimContext, ds: KObject, createPod: (pod: KObject) => void): void {
  const m = meta(ds);
  const ns = m.namespace ?? 'default';
  const hash = templateHash(o(ds.spec).template);
  const pods = controlled(ctx, R.pod, ds);
  for (const node of ctx.nodeNames) {
    if (pods.some((p) => o(p.spec).nodeName === node)) continue;
    const pod = podFromTemplate(o(ds.spec).template, ns, `${m.name}-${suffix()}`, ds, R.daemonSet, {
      'controller-revision-hash': hash,
    });
    (pod.spec as Record<string, unknown>).nodeName = node;
    createPod(pod);
    recordEvent(
      ctx,
      R.daemonSet,
      ds,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${meta(pod).name}`,
      'daemonset-controller',
    );
  }
  const outdated = pods.filter((p) => (meta(p).labels ?? {})['controller-revision-hash'] !== hash);
  if (outdated.length && pods.filter((p) => !outdated.includes(p)).every(isPodReady))
    ctx.store.delete(R.pod, ns, meta(outdated[0]!).name ?? '');
  const current = controlled(ctx, R.pod, ds);
  const ready = current.filter(isPodReady).length;
  const updated = current.filter((p) => (meta(p).labels ?? {})['controller-revision-hash'] === hash).length;
  modify(ctx, R.daemonSet, ns, m.name ?? '', (x) => {
    x.status = {
      currentNumberScheduled: current.length,
      desiredNumberScheduled: ctx.nodeNames.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      numberUnavailable: ctx.nodeNames.length - ready,
      updatedNumberScheduled: updated,
      observedGeneration: m.generation,
    };
  });
}
