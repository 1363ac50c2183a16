// Job controller (batch/v1), after the real one (pkg/controller/job) in its simplest shape: one pod at a time
// (parallelism and completions 1), a pod created from the template with the job-name and controller-uid labels,
// status.active/ready/succeeded/failed counted from the pods, Complete (with SuccessCriteriaMet) when the pod
// succeeds, Failed (BackoffLimitExceeded) when it fails and backoffLimit is used up.
// Simplified: no parallelism, no indexed completions, no activeDeadlineSeconds, no ttlSecondsAfterFinished, no
// pod-failure policy. What makes a pod finish is up to whoever runs it (load.ts finishes k6 pods).
import { type SimContext } from '../context';
import { findByKind } from '../resources';
import { type KObject, type StoreEvent, meta } from '../store';
import { recordEvent } from './events';
import { podFromTemplate } from './replicaset';
import { R, arr, controlled, isPodReady, modify, num, nowISO, o, setCondition, suffix } from './util';

export const JOB = findByKind('batch/v1', 'Job')!;

const finished = (job: KObject): boolean =>
  arr(o(job.status).conditions).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

function reconcileJob(ctx: SimContext, job: KObject): void {
  const m = meta(job);
  if (finished(job)) return;
  const pods = controlled(ctx, R.pod, job);
  const phase = (p: KObject) => o(p.status).phase;
  const succeeded = pods.filter((p) => phase(p) === 'Succeeded').length;
  const failed = pods.filter((p) => phase(p) === 'Failed').length;
  const active = pods.filter((p) => phase(p) !== 'Succeeded' && phase(p) !== 'Failed');
  const retriesLeft = failed <= num(o(job.spec).backoffLimit, 6);
  if (active.length === 0 && succeeded === 0 && retriesLeft) createJobPod(ctx, job);
  const now = nowISO();
  modify(ctx, JOB, m.namespace, m.name ?? '', (x) => {
    const st = o(x.status);
    let conds = arr(st.conditions);
    if (succeeded > 0) {
      conds = setCondition(
        conds,
        'SuccessCriteriaMet',
        'True',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
      );
      conds = setCondition(
        conds,
        'Complete',
        'True',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
      );
    } else if (!retriesLeft) {
      conds = setCondition(
        conds,
        'FailureTarget',
        'True',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
      );
      conds = setCondition(
        conds,
        'Failed',
        'True',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
      );
    }
    const done = succeeded > 0 || !retriesLeft;
    x.status = {
      ...(conds.length ? { conditions: conds } : {}),
      startTime: st.startTime ?? now,
      ...(succeeded > 0 ? { completionTime: st.completionTime ?? now } : {}),
      ...(!done && active.length ? { active: active.length } : {}),
      ready: done ? 0 : active.filter(isPodReady).length,
      ...(succeeded ? { succeeded } : {}),
      ...(failed ? { failed } : {}),
      terminating: 0,
    };
  });
}

function createJobPod(ctx: SimContext, job: KObject): void {
  const m = meta(job);
  const name = `${m.name}-${suffix()}`;
  const uid = m.uid ?? '';
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': m.name ?? '',
    'controller-uid': uid,
    'job-name': m.name ?? '',
  };
  const pod = podFromTemplate(o(job.spec).template, m.namespace ?? 'default', name, job, JOB, labels);
  ctx.store.create(R.pod, pod);
  recordEvent(ctx, JOB, job, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, 'job-controller');
}

/** Runs the Job controller: a Job, or a pod a Job controls, changing queues that Job. Returns the stop function. */
export function startJobController(ctx: SimContext): () => void {
  const queued = new Set<string>();
  const enqueue = (namespace: string, name: string) => {
    const key = `${namespace}/${name}`;
    if (queued.has(key)) return;
    queued.add(key);
    setImmediate(() => {
      queued.delete(key);
      const job = ctx.closed ? undefined : ctx.store.peek(JOB, namespace, name);
      if (job) reconcileJob(ctx, job);
    });
  };
  const onChange = (e: StoreEvent) => {
    const namespace = meta(e.object).namespace ?? '';
    if (e.resource === JOB && e.type !== 'DELETED') enqueue(namespace, meta(e.object).name ?? '');
    if (e.resource !== R.pod) return;
    for (const ref of meta(e.object).ownerReferences ?? [])
      if (ref.controller && ref.kind === 'Job') enqueue(namespace, ref.name);
  };
  const unsubscribe = ctx.store.subscribe(onChange);
  for (const job of ctx.store.view(JOB)) enqueue(meta(job).namespace ?? '', meta(job).name ?? '');
  return unsubscribe;
}
