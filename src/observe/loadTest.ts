// The load test on the panel's workload, read from the cluster: which k6 Job sends to it, and what that Job's pod has
// printed (the Kubernetes log API), turned into the series the panel charts. No `vscode`.
import type { ClusterClient } from '../kube/client';
import { getObject, JOB, jobState, listObjects, SERVICE } from '../kube/load';
import { LOAD_TEST_LABEL } from '../kube/loadObjects';
import { isRecord, type KubeObject } from '../kube/objects';
import { builtInResource } from '../kube/resources';
import { errorMessage } from '../util/result';
import { k6Series, type TimedLine } from './k6Output';
import { splitTimestamp } from './kubeLogs';
import type { LoadSeries, LoadTestView, Scope } from './model';

/** How far back the log is read: the chart's last 15 minutes (a long test's whole log would be megabytes). */
export const LOG_WINDOW_SECONDS = 900;

const EMPTY: LoadSeries = { times: [], rps: [], p95Ms: [], errorRate: [], summary: null };
const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const POD = { plural: 'pods', namespaced: true } as const;

/** The pod template labels of the Deployment or StatefulSet named `workload`; undefined if neither exists. */
async function workloadLabels(client: ClusterClient, namespace: string, workload: string) {
  for (const kind of ['Deployment', 'StatefulSet']) {
    const got = await getObject(client, 'apps/v1', builtInResource('apps/v1', kind)!, namespace, workload);
    if (!got.ok) return got;
    if (got.value) return { ok: true as const, value: rec(rec(rec(rec(got.value.spec).template).metadata).labels) };
  }
  return { ok: true as const, value: undefined };
}

/** The load Job of the scope: the one the panel was opened on, else the one whose Service selects the workload's pods. */
async function findJob(client: ClusterClient, scope: Scope & { workload: string }) {
  const jobs = await listObjects(client, 'batch/v1', JOB, scope.namespace, LOAD_TEST_LABEL);
  if (!jobs.ok) return jobs;
  const own = jobs.value.find((j) => j.metadata.name === scope.workload);
  if (own || jobs.value.length === 0) return { ok: true as const, value: own };
  const labels = await workloadLabels(client, scope.namespace, scope.workload);
  if (!labels.ok || !labels.value) return labels.ok ? { ok: true as const, value: undefined } : labels;
  for (const job of jobs.value) {
    const service = job.metadata.labels?.[LOAD_TEST_LABEL] ?? '';
    const svc = await getObject(client, 'v1', SERVICE, scope.namespace, service);
    if (!svc.ok) return svc;
    const selector = Object.entries(rec(rec(svc.value?.spec).selector));
    if (selector.length > 0 && selector.every(([k, v]) => labels.value[k] === v))
      return { ok: true as const, value: job };
  }
  return { ok: true as const, value: undefined };
}

/** The Job's newest pod's log, as timed lines (none while the pod waits to start). */
async function jobLog(client: ClusterClient, job: KubeObject): Promise<TimedLine[]> {
  const namespace = job.metadata.namespace ?? '';
  const pods = await listObjects(client, 'v1', POD, namespace, `job-name=${job.metadata.name}`);
  if (!pods.ok) throw new Error(pods.error.message);
  const created = (pod: KubeObject): string =>
    typeof pod.metadata.creationTimestamp === 'string' ? pod.metadata.creationTimestamp : '';
  const newest = pods.value.sort((a, b) => created(a).localeCompare(created(b))).at(-1);
  if (!newest || rec(newest.status).phase === 'Pending') return [];
  const answer = await client.send(
    {
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(newest.metadata.name)}/log`,
      query: { timestamps: true, sinceSeconds: LOG_WINDOW_SECONDS },
    },
    { verb: 'get', plural: 'pods/log', group: '', namespace, name: newest.metadata.name },
  );
  if (!answer.ok) throw new Error(answer.error.message);
  const body = answer.value.body;
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((raw) => {
      const { ts, line } = splitTimestamp(raw);
      return { t: Number(BigInt(ts) / 1_000_000_000n), text: line };
    });
}

function describe(job: KubeObject, state: LoadTestView['state'], series: LoadSeries): string {
  const service = job.metadata.labels?.[LOAD_TEST_LABEL] ?? '?';
  const verb = {
    none: '',
    pending: 'is starting against',
    running: 'sends to',
    succeeded: 'finished against',
    failed: 'failed against',
    error: '',
  }[state];
  const figures = series.times.length === 0 && state !== 'pending' ? ' (k6 has printed no figures yet)' : '';
  return `k6 Job ${job.metadata.name} ${verb} Service ${service}${figures}.`;
}

/** What the panel shows about the load test on its workload; never throws (a failure is the `error` state). */
export async function loadTestView(client: ClusterClient, scope: Scope): Promise<LoadTestView> {
  if (!scope.workload)
    return { state: 'none', message: 'Load tests are shown for a workload.', job: null, series: EMPTY };
  try {
    const job = await findJob(client, { ...scope, workload: scope.workload });
    if (!job.ok) throw new Error(job.error.message);
    if (!job.value)
      return {
        state: 'none',
        message: `No load test sends to ${scope.workload}. Start one with "Start Load Test" on its Service or Deployment.`,
        job: null,
        series: EMPTY,
      };
    const state = jobState(job.value);
    const series = k6Series(await jobLog(client, job.value));
    return { state, message: describe(job.value, state, series), job: job.value.metadata.name, series };
  } catch (e) {
    return { state: 'error', message: `Cannot read the load test: ${errorMessage(e)}`, job: null, series: EMPTY };
  }
}
