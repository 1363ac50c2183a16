// Runs the simulated controllers the way kube-controller-manager does: informers turn store changes into
// work-queue keys (the changed object, its controlling owner, the Services of its namespace ...), and one
// pass (coalesced with setImmediate) reconciles only the queued keys. So a write costs work for what it
// touches, not for the whole cluster: a bare pod nobody owns costs one look at that pod.
// The HPA runs on its own sync period. Controllers only write when something differs, so passes converge.
import { type SimContext } from '../context';
import { type ResourceType } from '../resources';
import { type KObject, type StoreEvent, meta } from '../store';
import { reconcileDaemonSet } from './daemonset';
import { reconcileDeployment } from './deployment';
import { reconcileEndpoints } from './endpoints';
import { HPA_SYNC_MS, reconcileHPAs } from './hpa';
import { startJobController } from './job';
import { startLoadTests } from './load';
import { runPod } from './kubelet';
import { reconcileReplicaSet } from './replicaset';
import { schedule } from './scheduler';
import { reconcileStatefulSet } from './statefulset';
import { R, o } from './util';
import { reconcileVolume } from './volumes';

/** The work queues, in the order a pass drains them; keys are `namespace/name` (`/name` for namespaces). */
const STAGES = [
  'namespaces',
  'pvcs',
  'deployments',
  'replicaSets',
  'daemonSets',
  'statefulSets',
  'pods',
  'services',
] as const;
type Stage = (typeof STAGES)[number];

const key = (obj: KObject) => `${meta(obj).namespace ?? ''}/${meta(obj).name ?? ''}`;
const splitKey = (k: string): [string, string] => {
  const i = k.indexOf('/');
  return [k.slice(0, i), k.slice(i + 1)];
};

/** Owner kinds whose controller watches the owned object, by the queue that reconciles the owner. */
const OWNER_QUEUES: Record<string, Stage> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicaSets',
  DaemonSet: 'daemonSets',
  StatefulSet: 'statefulSets',
};

/** The informers: which queue keys a store change concerns. */
function keysFor(ctx: SimContext, e: StoreEvent): Array<[Stage, string]> {
  const obj = e.object;
  const ns = meta(obj).namespace ?? '';
  const keys: Array<[Stage, string]> = [];
  switch (e.resource) {
    case R.namespace:
      if (e.type !== 'DELETED') keys.push(['namespaces', key(obj)]);
      break;
    case R.serviceAccount:
      if (e.type === 'DELETED') keys.push(['namespaces', `/${ns}`]);
      break;
    case R.pvc:
      keys.push(['pvcs', key(obj)]);
      break;
    case R.deployment:
      keys.push(['deployments', key(obj)]);
      break;
    case R.replicaSet:
      keys.push(['replicaSets', key(obj)]);
      break;
    case R.daemonSet:
      keys.push(['daemonSets', key(obj)]);
      break;
    case R.statefulSet:
      keys.push(['statefulSets', key(obj)]);
      break;
    case R.service:
    case R.endpoints:
      keys.push(['services', key(obj)]);
      break;
    case R.endpointSlice: {
      const svc = (meta(obj).labels ?? {})['kubernetes.io/service-name'];
      if (svc) keys.push(['services', `${ns}/${svc}`]);
      break;
    }
    case R.pod:
      if (e.type !== 'DELETED') keys.push(['pods', key(obj)]);
      // Endpoints follow the pods their Service selects: look at the Services of this namespace.
      for (const svc of ctx.store.view(R.service, ns)) keys.push(['services', key(svc)]);
      break;
    default:
      return keys;
  }
  // The controller that owns the object hears of it (and its former owner, if that changed).
  for (const version of e.previous ? [obj, e.previous] : [obj]) {
    for (const ref of meta(version).ownerReferences ?? []) {
      const stage = ref.controller ? OWNER_QUEUES[ref.kind] : undefined;
      if (stage) keys.push([stage, `${ns}/${ref.name}`]);
    }
  }
  return keys;
}

/**
 * Work queues drained in STAGES order by one coalesced pass: work queued for a later stage during a pass is
 * done in that pass, work for an earlier stage in the next one. `requeueAfter` is the real queues' AddAfter.
 */
class WorkQueues {
  private readonly queues = new Map<Stage, Set<string>>(STAGES.map((s) => [s, new Set<string>()]));
  private readonly delayed = new Map<string, { timer: NodeJS.Timeout; due: number }>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly ctx: SimContext,
    private readonly reconcilers: Record<Stage, (k: string) => void>,
  ) {}

  enqueue(stage: Stage, k: string): void {
    this.queues.get(stage)!.add(k);
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => this.pass());
  }

  /**
   * Looks at a key again after `ms` (real milliseconds), once per key however often it is asked: at the earliest time
   * asked for, as the real delaying queue does (a Deployment whose deadline was shortened is looked at sooner).
   */
  requeueAfter(stage: Stage, k: string, ms: number): void {
    const id = `${stage}\u0000${k}`;
    if (this.stopped || this.ctx.closed) return;
    const due = Date.now() + ms;
    const pending = this.delayed.get(id);
    if (pending && pending.due <= due) return;
    if (pending) {
      clearTimeout(pending.timer);
      this.ctx.timers.delete(pending.timer);
    }
    const timer = setTimeout(() => {
      this.delayed.delete(id);
      this.ctx.timers.delete(timer);
      if (!this.ctx.closed) this.enqueue(stage, k);
    }, ms);
    this.delayed.set(id, { timer, due });
    this.ctx.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.delayed.values()) clearTimeout(d.timer);
  }

  private pass(): void {
    this.scheduled = false;
    if (this.stopped || this.ctx.closed) return;
    for (const stage of STAGES) {
      const queue = this.queues.get(stage)!;
      const keys = [...queue];
      queue.clear();
      for (const k of keys) {
        try {
          this.reconcilers[stage](k);
        } catch (err) {
          console.error(`[starter-sim] controller error (${stage} ${k})`, err);
        }
      }
    }
  }
}

export function startControllers(ctx: SimContext): () => void {
  const started = new Set<string>(); // pod uids handed to the scheduler/kubelet
  const provisioning = new Set<string>();
  const createPod = (pod: KObject) => void ctx.store.create(R.pod, pod);
  const startPod = (pod: KObject) => {
    const uid = meta(pod).uid ?? '';
    const phase = o(pod.status).phase;
    if (started.has(uid) || phase === 'Running' || phase === 'Succeeded') return;
    started.add(uid);
    schedule(ctx, pod, (bound) => runPod(ctx, bound));
  };
  const work: WorkQueues = new WorkQueues(ctx, {
    namespaces: (k) => ensureServiceAccount(ctx, splitKey(k)[1]),
    pvcs: (k) => withLive(ctx, R.pvc, k, (pvc) => reconcileVolume(ctx, pvc, provisioning)),
    deployments: (k) =>
      withLive(ctx, R.deployment, k, (d) =>
        reconcileDeployment(ctx, d, (ms) => work.requeueAfter('deployments', k, ms)),
      ),
    replicaSets: (k) => withLive(ctx, R.replicaSet, k, (rs) => reconcileReplicaSet(ctx, rs, createPod)),
    daemonSets: (k) => withLive(ctx, R.daemonSet, k, (ds) => reconcileDaemonSet(ctx, ds, createPod)),
    statefulSets: (k) => withLive(ctx, R.statefulSet, k, (sts) => reconcileStatefulSet(ctx, sts, createPod)),
    pods: (k) => withLive(ctx, R.pod, k, startPod),
    services: (k) => withLive(ctx, R.service, k, (svc) => reconcileEndpoints(ctx, svc)),
  });
  const onChange = (e: StoreEvent) => {
    for (const [stage, k] of keysFor(ctx, e)) work.enqueue(stage, k);
  };
  const unsubscribe = ctx.store.subscribe(onChange);
  // Like informers' initial LIST: everything already stored is queued once.
  for (const r of [R.namespace, R.pvc, R.deployment, R.replicaSet, R.daemonSet, R.statefulSet, R.pod, R.service]) {
    for (const obj of ctx.store.view(r))
      onChange({ rv: ctx.store.currentRV(), type: 'ADDED', resource: r, object: obj });
  }
  let hpaTimer: NodeJS.Timeout;
  const hpaLoop = () => {
    if (ctx.closed) return;
    reconcileHPAs(ctx);
    hpaTimer = setTimeout(hpaLoop, Math.max(20, HPA_SYNC_MS * ctx.timeScale));
  };
  hpaTimer = setTimeout(hpaLoop, 0);
  const stopJobs = startJobController(ctx);
  const stopLoadTests = startLoadTests(ctx);
  return () => {
    work.stop();
    unsubscribe();
    stopJobs();
    stopLoadTests();
    clearTimeout(hpaTimer);
  };
}

/** Runs `fn` on the stored object behind a queue key, if it still exists (a deleted one needs no work here). */
function withLive(ctx: SimContext, r: ResourceType, k: string, fn: (obj: KObject) => void): void {
  const [namespace, name] = splitKey(k);
  const obj = ctx.store.peek(r, namespace || undefined, name);
  if (obj) fn(obj);
}

/** The service-account controller gives every namespace a "default" ServiceAccount. */
function ensureServiceAccount(ctx: SimContext, namespace: string): void {
  if (!ctx.store.peek(R.namespace, undefined, namespace)) return;
  if (!ctx.store.peek(R.serviceAccount, namespace, 'default'))
    ctx.store.create(R.serviceAccount, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace },
    });
}
