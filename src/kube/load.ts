import { err, ok, type Result } from '../util/result';
import type { ClusterClient } from './client';
import { describeObjectRequest } from './client';
import type { ApiFailure } from './failures';
import { hpaView, type HpaView } from './cache/hpaView';
import { LOAD_ANNOTATIONS, LOAD_TEST_LABEL, loadTestName, loadTestObjects, type LoadTestSpec } from './loadObjects';
import { FIELD_MANAGER, groupOf, isRecord, itemsOf, type KubeObject } from './objects';
import { builtInResource, collectionPath, objectPath, type ResourceInfo } from './resources';

// Load tests on a Service: start (server-side apply of a ConfigMap and a k6 Job), stop (delete both) and status
// (the Job's progress beside the target's HPA). Shared by the CLI and the editor.

const CONFIG_MAP: ResourceInfo = { plural: 'configmaps', namespaced: true };
export const JOB: ResourceInfo = { plural: 'jobs', namespaced: true };
export const SERVICE: ResourceInfo = { plural: 'services', namespaced: true };

const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const failure = (kind: ApiFailure['kind'], message: string): ApiFailure => ({ kind, fatal: false, message });

export interface StartRequest {
  readonly namespace: string;
  readonly service: string;
  readonly rps: number;
  readonly durationSeconds: number;
  readonly path: string;
}

export interface StartedLoadTest {
  readonly job: string;
  readonly spec: LoadTestSpec;
}

/** A load test as `load status` shows it. */
export interface LoadTestStatus {
  readonly service: string;
  readonly job: string;
  readonly state: 'pending' | 'running' | 'succeeded' | 'failed';
  readonly rps: number;
  readonly durationSeconds: number;
  readonly elapsedSeconds: number;
  readonly url: string;
  /** The HPA of the workload behind the Service, when there is one. */
  readonly hpa?: HpaView;
}

export async function getObject(
  client: ClusterClient,
  apiVersion: string,
  resource: ResourceInfo,
  namespace: string,
  name: string,
): Promise<Result<KubeObject | undefined, ApiFailure>> {
  const answer = await client.send(
    { method: 'GET', path: objectPath(apiVersion, resource, name, namespace) },
    { verb: 'get', plural: resource.plural, group: groupOf(apiVersion), namespace, name },
  );
  if (answer.ok) return ok(answer.value.body as KubeObject);
  return answer.error.kind === 'notFound' ? ok(undefined) : answer;
}

export async function listObjects(
  client: ClusterClient,
  apiVersion: string,
  resource: ResourceInfo,
  namespace: string,
  labelSelector?: string,
): Promise<Result<KubeObject[], ApiFailure>> {
  const answer = await client.send(
    { method: 'GET', path: collectionPath(apiVersion, resource, namespace), query: { labelSelector } },
    { verb: 'list', plural: resource.plural, group: groupOf(apiVersion), namespace },
  );
  return answer.ok ? ok(itemsOf(answer.value.body)) : answer;
}

async function applyOne(client: ClusterClient, object: KubeObject, resource: ResourceInfo, signal?: AbortSignal) {
  const { name, namespace } = object.metadata;
  return client.send(
    {
      method: 'PATCH',
      path: objectPath(object.apiVersion, resource, name, namespace),
      query: { fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', force: true },
      body: object,
      contentType: 'application/apply-patch+yaml',
      signal,
    },
    describeObjectRequest('patch', object, resource),
  );
}

async function deleteOne(client: ClusterClient, apiVersion: string, resource: ResourceInfo, object: KubeObject) {
  const { name, namespace } = object.metadata;
  const answer = await client.send(
    {
      method: 'DELETE',
      path: objectPath(apiVersion, resource, name, namespace),
      // Background: the Job goes at once and the garbage collector removes its pods (the k6 process stops).
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    },
    { verb: 'delete', plural: resource.plural, group: groupOf(apiVersion), namespace, name },
  );
  return answer.ok || answer.error.kind === 'notFound' ? ok(undefined) : answer;
}

export function jobState(job: KubeObject): LoadTestStatus['state'] {
  const status = rec(job.status);
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isRecord) : [];
  const holds = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  if (holds('Complete')) return 'succeeded';
  if (holds('Failed')) return 'failed';
  return typeof status.active === 'number' && status.active > 0 ? 'running' : 'pending';
}

/** The Service's first port; a missing Service is a clear failure. */
async function servicePort(client: ClusterClient, namespace: string, service: string) {
  const got = await getObject(client, 'v1', SERVICE, namespace, service);
  if (!got.ok) return got;
  if (!got.value) return err(failure('notFound', `no Service "${service}" in namespace ${namespace}`));
  const ports = rec(got.value.spec).ports;
  const port = Array.isArray(ports) && isRecord(ports[0]) ? ports[0].port : undefined;
  if (typeof port !== 'number') return err(failure('invalid', `Service ${namespace}/${service} has no port`));
  return ok(port);
}

/** Creates the load test's ConfigMap and Job; refuses while one against the same Service is still running. */
export async function startLoadTest(
  client: ClusterClient,
  request: StartRequest,
  signal?: AbortSignal,
): Promise<Result<StartedLoadTest, ApiFailure>> {
  const { namespace, service } = request;
  const port = await servicePort(client, namespace, service);
  if (!port.ok) return port;
  const name = loadTestName(service);
  const existing = await getObject(client, 'batch/v1', JOB, namespace, name);
  if (!existing.ok) return existing;
  if (existing.value) {
    const state = jobState(existing.value);
    if (state === 'running' || state === 'pending')
      return err(failure('conflict', `a load test against ${service} is already running (Job ${name}); stop it first`));
    // A finished Job's pod template cannot change: the old one makes way for the new test.
    const removed = await deleteOne(client, 'batch/v1', JOB, existing.value);
    if (!removed.ok) return removed;
  }
  const spec: LoadTestSpec = { ...request, port: port.value };
  const [configMap, job] = loadTestObjects(spec);
  for (const [object, resource] of [
    [configMap, CONFIG_MAP],
    [job, JOB],
  ] as const) {
    const applied = await applyOne(client, object, resource, signal);
    if (!applied.ok) return applied;
  }
  return ok({ job: name, spec });
}

/** Deletes the load tests of the namespace (of one Service when named): their Jobs, then their ConfigMaps. */
export async function stopLoadTests(
  client: ClusterClient,
  namespace: string,
  service?: string,
): Promise<Result<string[], ApiFailure>> {
  const selector = service === undefined ? LOAD_TEST_LABEL : `${LOAD_TEST_LABEL}=${service}`;
  const jobs = await listObjects(client, 'batch/v1', JOB, namespace, selector);
  if (!jobs.ok) return jobs;
  for (const job of jobs.value) {
    const deleted = await deleteOne(client, 'batch/v1', JOB, job);
    if (!deleted.ok) return deleted;
  }
  const configMaps = await listObjects(client, 'v1', CONFIG_MAP, namespace, selector);
  if (!configMaps.ok) return configMaps;
  for (const configMap of configMaps.value) {
    const deleted = await deleteOne(client, 'v1', CONFIG_MAP, configMap);
    if (!deleted.ok) return deleted;
  }
  return ok(jobs.value.map((j) => j.metadata.labels?.[LOAD_TEST_LABEL] ?? j.metadata.name));
}

/** The load tests of the namespace, each with the HPA of the workload its Service sends to. */
export async function loadTestStatus(
  client: ClusterClient,
  namespace: string,
  now = Date.now(),
): Promise<Result<LoadTestStatus[], ApiFailure>> {
  const jobs = await listObjects(client, 'batch/v1', JOB, namespace, LOAD_TEST_LABEL);
  if (!jobs.ok) return jobs;
  const statuses: LoadTestStatus[] = [];
  for (const job of jobs.value) {
    const service = job.metadata.labels?.[LOAD_TEST_LABEL] ?? '';
    const hpa = await hpaForService(client, namespace, service);
    if (!hpa.ok) return hpa;
    statuses.push({ ...describeJob(job, service, now), ...(hpa.value ? { hpa: hpa.value } : {}) });
  }
  return ok(statuses);
}

function describeJob(job: KubeObject, service: string, now: number): Omit<LoadTestStatus, 'hpa'> {
  const annotations = job.metadata.annotations ?? {};
  const startTime = rec(job.status).startTime;
  const started = typeof startTime === 'string' ? Date.parse(startTime) : Number.NaN;
  const durationSeconds = Number(annotations[LOAD_ANNOTATIONS.durationSeconds] ?? 0);
  const state = jobState(job);
  const elapsed = Number.isNaN(started) ? 0 : Math.max(0, Math.round((now - started) / 1000));
  return {
    service,
    job: job.metadata.name,
    state,
    rps: Number(annotations[LOAD_ANNOTATIONS.rps] ?? 0),
    durationSeconds,
    // k6 exits 0 only once its stages are over: a succeeded test ran its whole length.
    elapsedSeconds: state === 'succeeded' ? durationSeconds : elapsed,
    url: annotations[LOAD_ANNOTATIONS.url] ?? '',
  };
}

/** The HPA whose target's pods the Service selects (the Service's selector is a subset of the pod labels). */
export async function hpaForService(
  client: ClusterClient,
  namespace: string,
  service: string,
): Promise<Result<HpaView | undefined, ApiFailure>> {
  const svc = await getObject(client, 'v1', SERVICE, namespace, service);
  if (!svc.ok) return svc;
  const selector = Object.entries(rec(rec(svc.value?.spec).selector));
  if (selector.length === 0) return ok(undefined);
  const hpaInfo = builtInResource('autoscaling/v2', 'HorizontalPodAutoscaler')!;
  const hpas = await listObjects(client, 'autoscaling/v2', hpaInfo, namespace);
  if (!hpas.ok) return hpas;
  for (const hpa of hpas.value) {
    const ref = rec(rec(hpa.spec).scaleTargetRef);
    const kind = ref.kind === 'StatefulSet' ? 'StatefulSet' : 'Deployment';
    const target = await getObject(client, 'apps/v1', builtInResource('apps/v1', kind)!, namespace, String(ref.name));
    if (!target.ok) return target;
    const labels = rec(rec(rec(rec(target.value?.spec).template).metadata).labels);
    if (selector.every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v)) return ok(hpaView(hpa, target.value));
  }
  return ok(undefined);
}
