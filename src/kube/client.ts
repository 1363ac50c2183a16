import type { Readable } from 'node:stream';
import type { IDisposable } from '../util/disposable';
import type { Logger } from '../util/log';
import { err, ok, type Result } from '../util/result';
import { httpFailure, networkFailure, type ApiFailure, type RequestDescription } from './failures';
import { groupOf, type KubeObject } from './objects';
import { apiVersionPath, builtInResource, resourceFromDiscovery, type ResourceInfo } from './resources';
import { readBody, type ApiRequest, type ApiResponse, type KubeHttp } from './transport';

/** Network errors worth one retry: the connection broke, the request itself is idempotent. */
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const RETRY_DELAY_MS = 150;

/** Requests with failures classified, and kind → resource resolution (built-in table, else discovery, cached). */
export class ClusterClient implements IDisposable {
  private readonly discovery = new Map<string, Promise<Result<unknown, ApiFailure>>>();
  /** Where requests that change the cluster (anything but GET) are recorded, with their outcome. */
  actionLog: Logger | undefined;

  constructor(readonly http: KubeHttp) {}

  get server(): string {
    return this.http.server;
  }

  get contextName(): string {
    return this.http.contextName;
  }

  /** Sends a request; a 2xx answer is `ok`, anything else a classified failure. Retries once on a broken connection. */
  async send(request: ApiRequest, description: RequestDescription): Promise<Result<ApiResponse, ApiFailure>> {
    let answer = await this.http.request(request);
    if (!answer.ok && TRANSIENT.has(answer.error.code) && !request.signal?.aborted) {
      const firstSent = answer.error.sent === true;
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      answer = await this.http.request(request);
      // The first attempt may have been acted on even if the retry never reached the server.
      if (!answer.ok && firstSent) answer = err({ ...answer.error, sent: true });
    }
    const result: Result<ApiResponse, ApiFailure> = !answer.ok
      ? err(networkFailure(answer.error, this.http))
      : answer.value.status >= 200 && answer.value.status < 300
        ? answer
        : err(httpFailure(answer.value, description, this.http));
    if (this.actionLog && request.method !== 'GET')
      logAction(this.actionLog, request, description, result, this.http.contextName);
    return result;
  }

  /** Opens a streaming request (watch, followed log); a 2xx answer is its body, anything else a classified failure. No retry: the caller's loop decides. */
  async stream(request: ApiRequest, description: RequestDescription): Promise<Result<Readable, ApiFailure>> {
    const answer = await this.http.stream(request);
    if (!answer.ok) return err(networkFailure(answer.error, this.http));
    const { status, body } = answer.value;
    if (status >= 200 && status < 300) return ok(body);
    return err(httpFailure({ status, body: await readBody(body) }, description, this.http));
  }

  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<Result<ResourceInfo, ApiFailure>> {
    const known = builtInResource(apiVersion, kind);
    if (known) return ok(known);
    let list = this.discovery.get(apiVersion);
    if (!list) {
      list = this.discoverGroupVersion(apiVersion, signal);
      this.discovery.set(apiVersion, list);
    }
    const answer = await list;
    if (!answer.ok) {
      this.discovery.delete(apiVersion);
      return answer;
    }
    const found = resourceFromDiscovery(answer.value, apiVersion, kind);
    if (!found.ok) this.discovery.delete(apiVersion); // a CRD applied later in this run may add it
    return found.ok ? found : err({ kind: 'notFound', fatal: false, message: found.error });
  }

  private async discoverGroupVersion(apiVersion: string, signal?: AbortSignal): Promise<Result<unknown, ApiFailure>> {
    const answer = await this.send(
      { method: 'GET', path: apiVersionPath(apiVersion), signal },
      { verb: 'get', plural: 'discovery', group: groupOf(apiVersion) },
    );
    if (answer.ok) return ok(answer.value.body);
    if (answer.error.kind === 'notFound')
      return err({ ...answer.error, message: `the cluster does not serve ${apiVersion} (is its CRD installed?)` });
    return answer;
  }

  dispose(): void {
    this.http.dispose();
  }
}

/** A request description for an object, for failure messages. */
/** `PATCH deployments.apps starter/api (context kind): done` — never the body, which may hold secrets. */
function logAction(
  log: Logger,
  request: ApiRequest,
  d: RequestDescription,
  result: Result<ApiResponse, ApiFailure>,
  context: string,
): void {
  const resource = d.group ? `${d.plural}.${d.group}` : d.plural;
  const object = [d.namespace, d.name].filter(Boolean).join('/');
  const dryRun = request.query?.dryRun !== undefined ? ' (dry run)' : '';
  const line = `${request.method} ${resource} ${object}${dryRun} in context ${context}`;
  if (result.ok) log.info(`${line}: ${result.value.status}`);
  else log.warn(`${line}: failed: ${result.error.message}`);
}

export function describeObjectRequest(verb: string, object: KubeObject, resource: ResourceInfo): RequestDescription {
  return {
    verb,
    plural: resource.plural,
    group: groupOf(object.apiVersion),
    namespace: resource.namespaced ? object.metadata.namespace : undefined,
    name: object.metadata.name,
  };
}
