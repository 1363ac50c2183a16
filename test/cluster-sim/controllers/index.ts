// Runs the simulated controllers. Every store change schedules one reconcile pass (coalesced with
// setImmediate), like informers feeding work queues; the HPA also runs on its own sync period.
// Controllers only write when something differs, so passes converge.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { reconcileDaemonSets } from './daemonset';
import { reconcileDeployments } from './deployment';
import { reconcileEndpoints } from './endpoints';
import { HPA_SYNC_MS, reconcileHPAs } from './hpa';
import { runPod } from './kubelet';
import { reconcileReplicaSets } from './replicaset';
import { schedule } from './scheduler';
import { reconcileStatefulSets } from './statefulset';
import { R, o } from './util';
import { reconcileVolumes } from './volumes';

export function startControllers(ctx: SimContext): () => void {
  const started = new Set<string>(); // pod uids handed to the scheduler/kubelet
  const provisioning = new Set<string>();
  let queued = false;
  let stopped = false;

  const createPod = (pod: KObject) => void ctx.store.create(R.pod, pod);

  const pass = () => {
    queued = false;
    if (stopped || ctx.closed) return;
    try {
      ensureServiceAccounts(ctx);
      reconcileVolumes(ctx, provisioning);
      reconcileDeployments(ctx);
      reconcileReplicaSets(ctx, createPod);
      reconcileDaemonSets(ctx, createPod);
      reconcileStatefulSets(ctx, createPod);
      for (const pod of ctx.store.list(R.pod)) {
        const uid = meta(pod).uid ?? '';
        if (started.has(uid) || o(pod.status).phase === 'Running' || o(pod.status).phase === 'Succeeded') continue;
        started.add(uid);
        schedule(ctx, pod, (bound) => runPod(ctx, bound));
      }
      reconcileEndpoints(ctx);
    } catch (err) {
      console.error('[starter-sim] controller error', err);
    }
  };
  const unsubscribe = ctx.store.subscribe((e) => {
    if (e.resource === R.event || queued) return;
    queued = true;
    setImmediate(pass);
  });
  const hpaLoop = () => {
    if (stopped || ctx.closed) return;
    reconcileHPAs(ctx);
    hpaTimer = setTimeout(hpaLoop, Math.max(20, HPA_SYNC_MS * ctx.timeScale));
  };
  let hpaTimer = setTimeout(hpaLoop, 0);
  setImmediate(pass);
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(hpaTimer);
  };
}

/** The service-account controller gives every namespace a "default" ServiceAccount. */
function ensureServiceAccounts(ctx: SimContext): void {
  for (const ns of ctx.store.list(R.namespace)) {
    const name = meta(ns).name ?? '';
    if (!ctx.store.get(R.serviceAccount, name, 'default')) ctx.store.create(R.serviceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
  }
}
