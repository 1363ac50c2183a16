import { err, ok, type Result } from '../util/result';
import { restartRollout } from './actions';
import { WATCHED_KINDS } from './cache/kinds';
import type { WorkloadRef } from './cache/ownership';
import { ResourceWatch, type WatchSink } from './cache/resourceWatch';
import { ClusterWatchTransport } from './cache/watchTransport';
import type { ClusterClient } from './client';
import type { ApiFailure } from './failures';
import { isRecord, itemsOf, type KubeObject } from './objects';
import { collectionPath, objectPath } from './resources';
import { followRollouts, type WorkloadRollout } from './rollout';

/** What Verify Rolling Update measured, in the CLI's JSON names. */
export interface RolloutVerification {
  /** The Service whose endpoints were watched. */
  readonly service: string;
  /** The fewest ready endpoints at any moment from the restart to the end of the rollout. */
  readonly min_ready: number;
  readonly desired: number;
  /** How long there was no ready endpoint at all (0: the "no downtime" promise held). */
  readonly zero_ready_ms: number;
  readonly duration_ms: number;
  /** The rollout finished (false: timed out, failed or cancelled; the figures cover what was watched). */
  readonly completed: boolean;
  /** How the watch ended: the rollout finished, failed (cannot finish by waiting), ran past the timeout, or was cancelled. */
  readonly outcome: 'completed' | 'failed' | 'timeout' | 'cancelled';
  /** When it failed: why, in one line (the pod's failure, or the controller's state and the pods' problems). */
  readonly problem?: string;
}

export interface VerifyOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The ready endpoint count when the restart is sent, then every change of it while the rollout runs. */
  readonly onSample?: (ready: number, elapsedMs: number) => void;
  /** Every change of the rollout's state, as kubectl rollout status words it ("1 of 2 replicas updated"). */
  readonly onRollout?: (message: string) => void;
  readonly now?: () => number;
}

const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const recs = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const failure = (message: string): ApiFailure => ({ kind: 'invalid', fatal: false, message });

/** The ready addresses of an Endpoints object (not-ready addresses receive no traffic). */
export function readyEndpoints(endpoints: KubeObject | undefined): number {
  return recs(endpoints?.subsets).reduce((n, s) => n + recs(s.addresses).length, 0);
}

/**
 * Restarts a Deployment's or StatefulSet's rollout and watches the endpoints of the Service in front of it the
 * whole time: the fewest ready endpoints, how long there were none, and how long the rollout took.
 */
export async function verifyRollingUpdate(
  client: ClusterClient,
  target: WorkloadRef,
  options: VerifyOptions,
): Promise<Result<RolloutVerification, ApiFailure>> {
  const now = options.now ?? Date.now;
  const info = WATCHED_KINDS[target.kind];
  const got = await client.send(
    { method: 'GET', path: objectPath(info.apiVersion, info, target.name, target.namespace) },
    { verb: 'get', plural: info.plural, group: 'apps', namespace: target.namespace, name: target.name },
  );
  if (!got.ok) return got;
  const workload = got.value.body as KubeObject;
  const service = await serviceFor(client, workload);
  if (!service.ok) return service;
  const desired = typeof rec(workload.spec).replicas === 'number' ? (rec(workload.spec).replicas as number) : 1;
  const samples = new EndpointSamples(now, options.onSample);
  const watch = watchEndpoints(client, target.namespace, service.value, samples);
  try {
    await samples.synced;
    if (samples.failure) return err(samples.failure);
    samples.start();
    const restarted = await restartRollout(client, target);
    if (!restarted.ok) return restarted;
    const report = await followRollouts(
      client,
      [{ kind: target.kind, apiVersion: info.apiVersion, namespace: target.namespace, name: target.name }],
      {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onProgress: (_t, state) => options.onRollout?.(state.message),
      },
    );
    const figures = samples.finish();
    const outcome = report.ready ? 'completed' : report.failed ? 'failed' : report.cancelled ? 'cancelled' : 'timeout';
    const problem = report.failed ? failureText(report.workloads[0]) : undefined;
    return ok({ service: service.value, desired, ...figures, completed: report.ready, outcome, problem });
  } finally {
    watch.dispose();
  }
}

/** Why a rollout failed, in one line: the pod's certain failure, else the controller's state and the pods' problems. */
function failureText(workload: WorkloadRollout | undefined): string | undefined {
  if (!workload) return undefined;
  if (workload.failure) return `pod ${workload.failure.pod}: ${workload.failure.message}`;
  return [workload.state.message, ...workload.problems.map((p) => `pod ${p.pod}: ${p.message}`)].join('; ');
}

/** The first Service of the namespace whose selector picks the workload's pods. */
async function serviceFor(client: ClusterClient, workload: KubeObject): Promise<Result<string, ApiFailure>> {
  const namespace = workload.metadata.namespace ?? '';
  const info = WATCHED_KINDS.Service;
  const listed = await client.send(
    { method: 'GET', path: collectionPath(info.apiVersion, info, namespace) },
    { verb: 'list', plural: info.plural, group: '', namespace },
  );
  if (!listed.ok) return listed;
  const labels = rec(rec(rec(workload.spec).template).metadata).labels;
  const podLabels = isRecord(labels) ? labels : {};
  const match = itemsOf(listed.value.body).find((s) => {
    const selector = Object.entries(rec(rec(s.spec).selector));
    return selector.length > 0 && selector.every(([k, v]) => Object.hasOwn(podLabels, k) && podLabels[k] === v);
  });
  return match
    ? ok(match.metadata.name)
    : err(
        failure(
          `no Service in ${namespace} selects the pods of ${workload.kind} ${workload.metadata.name}: there are no endpoints to watch`,
        ),
      );
}

function watchEndpoints(
  client: ClusterClient,
  namespace: string,
  service: string,
  samples: EndpointSamples,
): ResourceWatch {
  const sink: WatchSink = {
    replace: (_scope, items) => samples.record(readyEndpoints(items.find((e) => e.metadata.name === service))),
    apply: (_scope, type, object) => {
      if (object.metadata.name === service) samples.record(type === 'DELETED' ? 0 : readyEndpoints(object));
    },
    status: (_scope, status) => {
      if (status.state === 'failed') samples.fail(status.failure);
    },
  };
  const watch = new ResourceWatch({ kind: 'Endpoints', namespace }, new ClusterWatchTransport(client), sink, {
    minMs: 100,
    maxMs: 2_000,
  });
  watch.start();
  return watch;
}

/** The ready count over time: its minimum and how long it sat at zero, between start() and finish(). */
class EndpointSamples {
  private ready = 0;
  private started: number | undefined;
  private min = Number.POSITIVE_INFINITY;
  private zeroSince: number | undefined;
  private zeroMs = 0;
  private markSynced!: () => void;
  readonly synced = new Promise<void>((resolve) => (this.markSynced = resolve));
  /** Why the endpoints could not be watched before the restart (then nothing is restarted). */
  failure: ApiFailure | undefined;

  constructor(
    private readonly now: () => number,
    private readonly onSample?: (ready: number, elapsedMs: number) => void,
  ) {}

  record(ready: number): void {
    this.markSynced();
    if (this.started === undefined) {
      this.ready = ready;
      return;
    }
    if (ready === this.ready) return;
    this.ready = ready;
    this.observe();
    this.onSample?.(ready, this.now() - this.started);
  }

  fail(failure: ApiFailure): void {
    if (this.started !== undefined) return; // mid-rollout the watch retries and resumes
    this.failure = failure;
    this.markSynced();
  }

  start(): void {
    this.started = this.now();
    this.observe();
    this.onSample?.(this.ready, 0);
  }

  finish(): { min_ready: number; zero_ready_ms: number; duration_ms: number } {
    const end = this.now();
    if (this.zeroSince !== undefined) this.zeroMs += end - this.zeroSince;
    return {
      min_ready: this.min === Number.POSITIVE_INFINITY ? this.ready : this.min,
      zero_ready_ms: this.zeroMs,
      duration_ms: end - (this.started ?? end),
    };
  }

  private observe(): void {
    this.min = Math.min(this.min, this.ready);
    const at = this.now();
    if (this.ready === 0 && this.zeroSince === undefined) this.zeroSince = at;
    if (this.ready > 0 && this.zeroSince !== undefined) {
      this.zeroMs += at - this.zeroSince;
      this.zeroSince = undefined;
    }
  }
}
