import { Writable } from 'node:stream';
// Types only: the client library loads on first use.
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { toClientNode, type Kubeconfig } from '../kube/kubeconfigData';
import type { Logger } from '../util/log';
import { Disposable, toDisposable } from '../util/disposable';
import { errorMessage } from '../util/result';
import { detectLevel } from './logql';
import type { LogLine, Scope } from './model';
import { TimeMerge } from './timeMerge';

export interface KubeLogEvents {
  lines(lines: LogLine[]): void;
  /** Which pods are followed now, for the status line. */
  following(pods: string[]): void;
}

/** `2025-01-01T10:00:00.123456789Z text` → nanoseconds and text (the API's `timestamps=true` prefix). */
export function splitTimestamp(raw: string): { ts: string; line: string } {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z (.*)$/s.exec(raw);
  if (!match?.[1]) return { ts: `${Date.now()}000000`, line: raw };
  const seconds = Math.floor(Date.parse(`${match[1]}Z`) / 1000);
  return { ts: `${seconds}${(match[2] ?? '').padEnd(9, '0')}`, line: match[3] ?? '' };
}

/** A Writable that cuts a byte stream into labelled lines. */
function lineSink(pod: string, container: string, deliver: (lines: LogLine[]) => void): Writable {
  let rest = '';
  const emit = (text: string) => {
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    deliver(
      parts
        .filter((p) => p !== '')
        .map((raw) => {
          const { ts, line } = splitTimestamp(raw.replace(/\r$/, ''));
          return { ts, line, pod, container, level: detectLevel(line) };
        }),
    );
  };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      emit(chunk.toString('utf8'));
      callback();
    },
    final(callback) {
      emit('\n');
      callback();
    },
  });
}

/** The label selector of the scope's pods: the workload's own selector when it is a known kind, else the stack's label. */
async function podSelector(kubeConfig: KubeConfig, scope: Scope): Promise<string | undefined> {
  if (!scope.workload) return undefined;
  const { AppsV1Api } = await import('../kube/clientNode');
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const args = { name: scope.workload, namespace: scope.namespace };
  for (const read of [
    () => apps.readNamespacedDeployment(args),
    () => apps.readNamespacedStatefulSet(args),
    () => apps.readNamespacedDaemonSet(args),
  ]) {
    try {
      const labels = (await read()).spec?.selector.matchLabels;
      if (labels)
        return Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
    } catch {
      // not this kind; try the next
    }
  }
  return `app.kubernetes.io/name=${scope.workload}`;
}

/**
 * Without Loki: follows every container of every pod in the scope through the Kubernetes log API,
 * merged into one stream and labelled with pod and container. New pods (a rollout) are picked up on relist.
 */
export class KubeLogFollower extends Disposable {
  private readonly streams = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  /** Each container's history arrives as one burst: merged by timestamp, not shown pod by pod. */
  private readonly merge: TimeMerge;
  /** One client-node KubeConfig for the follower's life (it keeps an exec plugin's token until it expires). */
  private kubeConfig: Promise<KubeConfig> | undefined;

  constructor(
    private readonly config: Kubeconfig,
    private readonly scope: Scope,
    private readonly events: KubeLogEvents,
    private readonly log: Logger,
    private readonly options: { tailLines?: number; relistMs?: number; mergeWindowMs?: number } = {},
  ) {
    super();
    this.merge = this._register(new TimeMerge((lines) => this.events.lines(lines), options.mergeWindowMs ?? 250));
    this._register(
      toDisposable(() => {
        clearTimeout(this.timer);
        for (const controller of this.streams.values()) controller.abort();
        this.streams.clear();
      }),
    );
  }

  private clientNode(): Promise<KubeConfig> {
    // A failed load is not kept: the next relist tries again.
    this.kubeConfig ??= toClientNode(this.config).catch((e: unknown) => {
      this.kubeConfig = undefined;
      throw e;
    });
    return this.kubeConfig;
  }

  async start(): Promise<void> {
    await this.relist();
  }

  private async relist(): Promise<void> {
    if (this.isDisposed) return;
    try {
      const pods = await this.listPods();
      for (const pod of pods)
        for (const container of pod.spec?.containers ?? []) this.follow(pod.metadata?.name ?? '', container.name);
      this.events.following(pods.map((p) => p.metadata?.name ?? ''));
    } catch (e) {
      this.log.warn(`kubernetes logs: cannot list pods in ${this.scope.namespace}: ${errorMessage(e)}`);
    }
    if (!this.isDisposed) this.timer = setTimeout(() => void this.relist(), this.options.relistMs ?? 10_000);
  }

  private async listPods(): Promise<V1Pod[]> {
    const { CoreV1Api } = await import('../kube/clientNode');
    const kubeConfig = await this.clientNode();
    const core = kubeConfig.makeApiClient(CoreV1Api);
    if (this.scope.pod)
      return [await core.readNamespacedPod({ name: this.scope.pod, namespace: this.scope.namespace })];
    const labelSelector = await podSelector(kubeConfig, this.scope);
    const list = await core.listNamespacedPod({ namespace: this.scope.namespace, labelSelector });
    return list.items.filter((p) => p.status?.phase === 'Running' || p.status?.phase === 'Pending');
  }

  private follow(pod: string, container: string): void {
    const key = `${pod}/${container}`;
    if (pod === '' || this.streams.has(key)) return;
    const placeholder = new AbortController();
    this.streams.set(key, placeholder);
    const sink = lineSink(pod, container, (lines) => this.merge.push(lines));
    sink.on('finish', () => this.streams.delete(key));
    void this.open(pod, container, sink, key, placeholder);
  }

  private async open(
    pod: string,
    container: string,
    sink: Writable,
    key: string,
    placeholder: AbortController,
  ): Promise<void> {
    try {
      const { Log } = await import('../kube/clientNode');
      const controller = await new Log(await this.clientNode()).log(this.scope.namespace, pod, container, sink, {
        follow: true,
        timestamps: true,
        tailLines: this.options.tailLines ?? 200,
      });
      if (placeholder.signal.aborted || this.isDisposed) controller.abort();
      else this.streams.set(key, controller);
    } catch (e) {
      this.streams.delete(key);
      this.log.warn(`kubernetes logs: ${key}: ${errorMessage(e)}`);
    }
  }
}
