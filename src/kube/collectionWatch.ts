import type { KubeConfig } from '@kubernetes/client-node';
import type { IDisposable } from '../util/disposable';
import { silentLogger, type Logger } from '../util/log';
import type { ClusterClient } from './client';
import { isRecord, type KubeObject } from './objects';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CollectionWatchOptions {
  readonly kubeConfig: KubeConfig;
  readonly client: ClusterClient;
  /** Collection path, e.g. `/apis/apps/v1/namespaces/starter/deployments`. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly onEvent: (type: WatchEventType, object: KubeObject) => void;
  readonly logger?: Logger;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/**
 * LIST then WATCH one collection with client-node's Watch, for as long as it lives: a dropped watch resumes from
 * the last resourceVersion seen (with backoff), an expired one (410 Gone) relists. Objects arrive through `onEvent`.
 */
export class CollectionWatch implements IDisposable {
  private resourceVersion: string | undefined;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs = MIN_BACKOFF_MS;
  private disposed = false;
  private readonly logger: Logger;

  constructor(private readonly options: CollectionWatchOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  start(): void {
    void this.relist();
  }

  private async relist(): Promise<void> {
    if (this.disposed) return;
    const { client, path, labelSelector } = this.options;
    const answer = await client.send({ method: 'GET', path, query: { labelSelector } }, { verb: 'list', plural: path.split('/').pop() ?? path, group: '' });
    if (this.disposed) return;
    if (!answer.ok) {
      this.logger.warn(`list ${path} failed: ${answer.error.message}; retrying`);
      return this.retryLater(() => this.relist());
    }
    const body = isRecord(answer.value.body) ? answer.value.body : {};
    const items = Array.isArray(body.items) ? (body.items as KubeObject[]) : [];
    for (const item of items) this.options.onEvent('ADDED', item);
    this.resourceVersion = isRecord(body.metadata) && typeof body.metadata.resourceVersion === 'string' ? body.metadata.resourceVersion : undefined;
    await this.watch();
  }

  private async watch(): Promise<void> {
    if (this.disposed) return;
    const { Watch } = await import('./clientNode');
    let gone = false;
    const query = { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, labelSelector: this.options.labelSelector };
    this.controller = await new Watch(this.options.kubeConfig).watch(
      this.options.path,
      query,
      (type: string, object: unknown) => {
        if (type === 'ERROR') gone ||= isRecord(object) && object.code === 410;
        else if (isRecord(object)) this.onWatchEvent(type, object as KubeObject);
      },
      (error: unknown) => this.onWatchDone(error, gone),
    );
    if (this.disposed) this.controller.abort();
  }

  private onWatchEvent(type: string, object: KubeObject): void {
    this.backoffMs = MIN_BACKOFF_MS;
    if (object.metadata.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
    if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.options.onEvent(type, object);
  }

  private onWatchDone(error: unknown, gone: boolean): void {
    if (this.disposed) return;
    const status = isRecord(error) ? error.statusCode : undefined;
    if (gone || status === 410) {
      this.logger.trace(`watch ${this.options.path}: resourceVersion expired, relisting`);
      this.resourceVersion = undefined;
      return this.retryLater(() => this.relist(), 0);
    }
    if (error instanceof Error) this.logger.trace(`watch ${this.options.path} ended: ${error.message}`);
    this.retryLater(() => this.watch());
  }

  private retryLater(action: () => Promise<void>, delay = this.backoffMs): void {
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.timer = setTimeout(() => void action(), delay);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.controller?.abort();
  }
}
