// Simulated load tests: what a k6 Job started by `starter-stack load start` does to the demo cluster.
// A load pod is recognised by its label (starter-stack.dev/load-test = the target Service) or its grafana/k6 image;
// its rate and length come from the annotations the Job's template carries (the real k6 reads them from its
// script). While it runs, the pods the target Service selects do work in proportion to the rate over their ready
// replicas: each request costs CPU_MS_PER_REQUEST of CPU, measured against the containers' CPU requests, and the
// HPA controller reads that utilisation. When the test's duration is over, the pod completes (exit 0) and the Job
// with it; deleting the Job stops the load at once. Simplified: no network, no real requests, latency not modelled.
import { type SimContext, later } from '../context';
import { type KObject, type StoreEvent, meta } from '../store';
import { R, arr, isPodReady, modify, num, nowISO, o, str } from './util';

export const LOAD_TEST_LABEL = 'starter-stack.dev/load-test';
const RPS_ANNOTATION = 'starter-stack.dev/load-rps';
const DURATION_ANNOTATION = 'starter-stack.dev/load-duration-seconds';
/** CPU time one request costs a small API handler (2 ms): 50 requests/s keep 100m busy. */
export const CPU_MS_PER_REQUEST = 2;
/** Utilisation of an idle API pod once something measures it (between load tests). */
export const IDLE_PERCENT = 5;

/** A running load test, as the simulator sees it. */
export interface LoadProfile {
  service: string;
  rps: number;
  durationSeconds: number;
  /** Simulated seconds of the ramp to the full rate (as the script written by src/kube/loadObjects.ts). */
  rampSeconds: number;
}

export function isLoadPod(pod: KObject): boolean {
  const labels = meta(pod).labels ?? {};
  return (
    Object.hasOwn(labels, LOAD_TEST_LABEL) ||
    arr(o(pod.spec).containers).some((c) => /(^|\/)grafana\/k6(:|@|$)/.test(str(c.image)))
  );
}

export function loadProfile(pod: KObject): LoadProfile {
  const annotations = meta(pod).annotations ?? {};
  const durationSeconds = Number(annotations[DURATION_ANNOTATION] ?? 300) || 300;
  return {
    service: (meta(pod).labels ?? {})[LOAD_TEST_LABEL] ?? '',
    rps: Number(annotations[RPS_ANNOTATION] ?? 100) || 100,
    durationSeconds,
    rampSeconds: Math.min(60, Math.max(5, Math.round(durationSeconds / 10)), durationSeconds),
  };
}

/** When the pod's k6 container started (ms), if it runs. */
export function loadStartedAt(pod: KObject): number | undefined {
  const status = arr(o(pod.status).containerStatuses)[0];
  const started = Date.parse(str(o(o(status?.state).running).startedAt));
  return Number.isNaN(started) ? undefined : started;
}

/** The rate at `seconds` into the test: a linear ramp from 1 request/s, then the full rate. */
export function rateAt(profile: LoadProfile, seconds: number): number {
  if (seconds <= 0 || seconds >= profile.durationSeconds) return 0;
  if (seconds >= profile.rampSeconds) return profile.rps;
  return 1 + ((profile.rps - 1) * seconds) / profile.rampSeconds;
}

const touched = new WeakMap<SimContext, Set<string>>();

function selects(service: KObject | undefined, podLabels: Record<string, unknown>): boolean {
  const selector = Object.entries(o(o(service?.spec).selector));
  return selector.length > 0 && selector.every(([k, v]) => Object.hasOwn(podLabels, k) && podLabels[k] === v);
}

/** Millicores of CPU the containers of a pod template request. */
function requestedMillicores(template: unknown): number {
  return arr(o(o(template).spec).containers).reduce((sum, c) => {
    const cpu = str(o(o(c.resources).requests).cpu);
    return sum + (cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000 || 0);
  }, 0);
}

/** Requests per second the running load tests of the namespace send to the workload's pods now. */
function loadOn(ctx: SimContext, namespace: string, workload: KObject): number {
  const podLabels = o(o(o(workload.spec).template).metadata).labels as Record<string, unknown> | undefined;
  let rps = 0;
  for (const pod of ctx.store.view(R.pod, namespace)) {
    const started = isLoadPod(pod) && o(pod.status).phase === 'Running' ? loadStartedAt(pod) : undefined;
    if (started === undefined) continue;
    const profile = loadProfile(pod);
    if (!selects(ctx.store.peek(R.service, namespace, profile.service), podLabels ?? {})) continue;
    rps += rateAt(profile, (Date.now() - started) / 1000 / ctx.timeScale);
  }
  return rps;
}

/**
 * Average CPU utilisation (percent of requests) of a Deployment's or StatefulSet's pods, for the HPA controller:
 * what ClusterSimulator.setCpuLoad set (or the idle figure once a load test has touched it), plus the running
 * load tests' share. Undefined while nothing measures it (no metrics, as without metrics-server).
 */
export function cpuUtilisation(ctx: SimContext, namespace: string, workload: KObject): number | undefined {
  const key = `${namespace}/${meta(workload).name ?? ''}`;
  const set = ctx.cpuLoad.get(key);
  const rps = loadOn(ctx, namespace, workload);
  let seen = touched.get(ctx);
  if (rps > 0) touched.set(ctx, (seen ??= new Set()).add(key));
  if (set === undefined && !seen?.has(key)) return undefined;
  const request = requestedMillicores(o(workload.spec).template);
  const ready = Math.max(1, num(o(workload.status).readyReplicas, num(o(workload.spec).replicas, 1)));
  const loaded = request > 0 ? ((rps / ready) * CPU_MS_PER_REQUEST * 100) / request : 0;
  return (set ?? IDLE_PERCENT) + loaded;
}

/** The k6 process exits 0 once its stages are over: the container terminates Completed and the pod Succeeded. */
function complete(ctx: SimContext, pod: KObject): void {
  const m = meta(pod);
  modify(ctx, R.pod, m.namespace, m.name ?? '', (p) => {
    if (meta(p).uid !== m.uid) return;
    const st = o(p.status);
    const finishedAt = nowISO();
    st.phase = 'Succeeded';
    st.conditions = arr(st.conditions).map((c) =>
      c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', reason: 'PodCompleted' } : c,
    );
    st.containerStatuses = arr(st.containerStatuses).map((c) => ({
      ...c,
      ready: false,
      started: false,
      state: {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: o(o(c.state).running).startedAt,
          finishedAt,
          containerID: c.containerID,
        },
      },
    }));
    p.status = st;
  });
}

/** Finishes each load pod when its test is over. Returns the stop function. */
export function startLoadTests(ctx: SimContext): () => void {
  const scheduled = new Set<string>();
  const onChange = (e: StoreEvent) => {
    if (e.resource !== R.pod || e.type === 'DELETED' || !isLoadPod(e.object)) return;
    const uid = meta(e.object).uid ?? '';
    const started = loadStartedAt(e.object);
    if (started === undefined || scheduled.has(uid) || !isPodReady(e.object)) return;
    scheduled.add(uid);
    const left = loadProfile(e.object).durationSeconds * 1000 - (Date.now() - started) / ctx.timeScale;
    later(ctx, Math.max(0, left), () => complete(ctx, e.object));
  };
  return ctx.store.subscribe(onChange);
}
