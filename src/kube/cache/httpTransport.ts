import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { IDisposable } from '../../util/disposable';
import { err, ok, type Result } from '../../util/result';
import type { ClusterClient } from '../client';
import { httpFailure, networkFailure, type ApiFailure } from '../failures';
import type { ClusterTarget } from '../kubeconfig';
import { isRecord, type KubeObject } from '../objects';
import { queryString } from '../transport';
import { WATCHED_KINDS, fieldSelectorOf, scopePath, type WatchScope } from './kinds';
import type { ListAnswer, WatchEnd, WatchHandlers, WatchTransport } from './transport';

// Servers end watches at timeoutSeconds; client-go picks 5–10 min at random so reconnects do not align.
const watchTimeoutSeconds = (): number => 300 + Math.floor(Math.random() * 300);

/**
 * LIST through the shared ClusterClient (failures classified there), WATCH as a long-lived streaming
 * request on its own keep-alive agent: ClusterClient answers whole bodies only, and a watch is a stream.
 */
export class HttpWatchTransport implements WatchTransport {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    private readonly client: ClusterClient,
    target: ClusterTarget,
    private readonly settings: https.RequestOptions,
  ) {
    this.url = new URL(target.server);
    const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = settings;
    // Each open watch holds a socket for minutes: no socket limit, or watches would queue behind each other.
    this.agent = this.url.protocol === 'http:' ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true, ca, cert, key, pfx, passphrase, rejectUnauthorized, servername });
  }

  get contextName(): string {
    return this.client.contextName;
  }

  get server(): string {
    return this.client.server;
  }

  async list(scope: WatchScope): Promise<Result<ListAnswer, ApiFailure>> {
    const info = WATCHED_KINDS[scope.kind];
    const query = { fieldSelector: fieldSelectorOf(scope.kind) };
    const answer = await this.client.send({ method: 'GET', path: scopePath(scope), query }, { verb: 'list', plural: info.plural, group: info.apiVersion.includes('/') ? info.apiVersion.split('/')[0] ?? '' : '', namespace: scope.namespace });
    if (!answer.ok) return answer;
    const body = isRecord(answer.value.body) ? answer.value.body : {};
    const raw = Array.isArray(body.items) ? (body.items as KubeObject[]) : [];
    // List items carry no apiVersion/kind; put them back so every cached object says what it is.
    const items = raw.map((item) => ({ ...item, apiVersion: info.apiVersion, kind: scope.kind }));
    const resourceVersion = isRecord(body.metadata) && typeof body.metadata.resourceVersion === 'string' ? body.metadata.resourceVersion : undefined;
    return ok({ items, resourceVersion });
  }

  watch(scope: WatchScope, resourceVersion: string, handlers: WatchHandlers): IDisposable {
    const query = { watch: 'true', resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: watchTimeoutSeconds(), fieldSelector: fieldSelectorOf(scope.kind) };
    const path = `${this.url.pathname.replace(/\/$/, '')}${scopePath(scope)}${queryString(query)}`;
    const stream = new WatchStream(scope, handlers);
    const lib = this.url.protocol === 'http:' ? http : https;
    const headers = { ...(this.settings.headers as http.OutgoingHttpHeaders | undefined), accept: 'application/json' };
    const req = lib.request({ protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, path, method: 'GET', headers, agent: this.agent }, (res) => stream.onResponse(res, this));
    // No answer at all (refused, reset before headers): the cluster is unreachable, not merely a closed stream.
    req.on('error', (e: NodeJS.ErrnoException) => stream.end({ reason: 'failed', failure: this.unreachable(e.code ?? e.name, e.message) }));
    req.end();
    return { dispose: () => stream.abort(req) };
  }

  /** Classifies a refused watch (403, 401, 5xx) with the same messages as every other request. */
  failureFor(status: number, body: unknown, scope: WatchScope): ApiFailure {
    const info = WATCHED_KINDS[scope.kind];
    return httpFailure({ status, body }, { verb: 'watch', plural: info.plural, group: '', namespace: scope.namespace }, this.client);
  }

  unreachable(code: string, message: string): ApiFailure {
    return networkFailure({ code, message }, this.client);
  }

  dispose(): void {
    this.agent.destroy();
  }
}

/** One watch response: JSON lines in, handler calls out, exactly one end. */
class WatchStream {
  private ended = false;

  constructor(
    private readonly scope: WatchScope,
    private readonly handlers: WatchHandlers,
  ) {}

  onResponse(res: http.IncomingMessage, transport: HttpWatchTransport): void {
    if (res.statusCode !== 200) return this.readFailure(res, transport);
    this.handlers.onOpen();
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    lines.on('line', (line) => this.onLine(line));
    // readline re-emits the response's errors (a reset connection): without a listener they would crash the host.
    lines.on('error', (e: Error) => this.end({ reason: 'closed', detail: e.message }));
    res.on('error', (e) => this.end({ reason: 'closed', detail: e.message }));
    res.on('close', () => this.end({ reason: 'closed' }));
  }

  private readFailure(res: http.IncomingMessage, transport: HttpWatchTransport): void {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', (e) => this.end({ reason: 'closed', detail: e.message }));
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      this.end(status === 410 ? { reason: 'gone' } : { reason: 'failed', failure: transport.failureFor(status, body, this.scope) });
    });
  }

  private onLine(line: string): void {
    if (this.ended || line === '') return;
    const event = parseJson(line);
    if (!isRecord(event) || !isRecord(event.object)) return;
    const { type, object } = event;
    if (type === 'ERROR') return this.end(object.code === 410 ? { reason: 'gone' } : { reason: 'closed', detail: String(object.message) });
    const rv = isRecord(object.metadata) && typeof object.metadata.resourceVersion === 'string' ? object.metadata.resourceVersion : undefined;
    if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
      const info = WATCHED_KINDS[this.scope.kind];
      this.handlers.onEvent(type, { ...(object as KubeObject), apiVersion: info.apiVersion, kind: this.scope.kind });
    }
    if (rv) this.handlers.onProgress(rv);
  }

  end(end: WatchEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers.onEnd(end);
  }

  abort(req: http.ClientRequest): void {
    this.ended = true;
    req.destroy();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Opens the transport for a target: the same credentials and TLS material kubectl would use. */
export async function openHttpTransport(client: ClusterClient, target: ClusterTarget): Promise<Result<HttpWatchTransport, string>> {
  const settings: https.RequestOptions = {};
  try {
    await target.kubeConfig.applyToHTTPSOptions(settings);
  } catch (e) {
    return err(`cannot get credentials for context ${target.contextName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (settings.auth) settings.headers = { ...(settings.headers as http.OutgoingHttpHeaders | undefined), authorization: `Basic ${Buffer.from(settings.auth).toString('base64')}` };
  return ok(new HttpWatchTransport(client, target, settings));
}
