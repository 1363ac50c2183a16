import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Readable } from 'node:stream';
import type { IDisposable } from '../util/disposable';
import { err, errorMessage, ok, type Result } from '../util/result';
import { Credentials, sameTlsIdentity, type RequestCredentials, type TlsOptions } from './credentials';
import type { ClusterTarget } from './kubeconfig';
import { ListBodyReader, parseBody, WholeBodyReader, type BodyReader, type ListReading } from './listBody';

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** How long the connection may stay silent before it counts as dead; default 30 s, none for streams. */
  readonly idleTimeoutMs?: number;
  /**
   * Called once with the first bytes of a whole-body answer, as soon as they arrive (a paged LIST reads its
   * continue token there and asks for the next page while this one is still arriving and being parsed).
   */
  readonly onBodyStart?: (head: Buffer) => void;
  /**
   * The answer is a List: parsed item by item as it arrives (ListBodyReader), never as one page-sized string;
   * `mapItem` makes each item what is kept of it as soon as it is parsed (on a whole-body fallback, once it is).
   */
  readonly list?: ListReading;
}

export interface ApiResponse {
  readonly status: number;
  /** Parsed JSON when the server sent JSON, else the text. */
  readonly body: unknown;
}

/** An answer that keeps arriving (a watch, a followed log): the status, and the body as a stream. */
export interface StreamResponse {
  readonly status: number;
  /** Destroy it, or abort the request's signal, to stop. */
  readonly body: Readable;
}

/** The request never got an HTTP answer: refused, reset, timed out, aborted, or no credentials (`EAUTH`). */
export interface NetworkFailure {
  readonly code: string;
  readonly message: string;
  /** The whole request had been sent when it failed: the server may have acted on it. */
  readonly sent?: boolean;
}

/** One cluster connection: authenticated per request, kept alive, shared by apply, rollout, delete and the watch cache. */
export interface KubeHttp extends IDisposable {
  readonly server: string;
  readonly contextName: string;
  /** Sends a request and reads the whole answer. */
  request(request: ApiRequest): Promise<Result<ApiResponse, NetworkFailure>>;
  /** Sends a request and resolves as soon as the answer's headers arrive (watches, followed logs). */
  stream(request: ApiRequest): Promise<Result<StreamResponse, NetworkFailure>>;
}

const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Connections per cluster for whole-body requests: as many as apply sends at once (its concurrency). More only
 * costs TLS handshakes: apply's first LISTs, one per kind, opened 16 where 8 serve them as fast.
 */
const DEFAULT_MAX_SOCKETS = 8;

/** Opens the connection for a target: TLS material and credentials from client-node (exec plugins included). */
export async function connect(
  target: ClusterTarget,
  options: { maxSockets?: number } = {},
): Promise<Result<KubeHttp, NetworkFailure>> {
  let credentials: Credentials;
  try {
    credentials = await Credentials.load(target.kubeConfig, target.contextName);
  } catch (e) {
    return err({ code: 'EAUTH', message: errorMessage(e) });
  }
  return ok(
    new NodeKubeHttp(
      new URL(target.server),
      target.contextName,
      credentials,
      options.maxSockets ?? DEFAULT_MAX_SOCKETS,
    ),
  );
}

/** Whole-body requests share a bounded pool; streams hold their socket for minutes, so they get an unbounded one. */
interface Agents {
  readonly requests: http.Agent;
  readonly streams: http.Agent;
  readonly credentials: RequestCredentials;
}

class NodeKubeHttp implements KubeHttp {
  readonly server: string;
  private agents: Agents;

  constructor(
    private readonly url: URL,
    readonly contextName: string,
    private readonly credentials: Credentials,
    private readonly maxSockets: number,
  ) {
    this.server = url.origin + url.pathname.replace(/\/$/, '');
    this.agents = this.createAgents(credentials.initial);
  }

  async request(request: ApiRequest): Promise<Result<ApiResponse, NetworkFailure>> {
    const opened = await this.send(request, false);
    return opened.ok
      ? readWhole(
          opened.value,
          request.list ? new ListBodyReader(request.list) : new WholeBodyReader(),
          request.onBodyStart,
        )
      : opened;
  }

  async stream(request: ApiRequest): Promise<Result<StreamResponse, NetworkFailure>> {
    const opened = await this.send(request, true);
    if (!opened.ok) return opened;
    // The caller attaches its listeners after an await; an error in between must not crash the host.
    opened.value.on('error', () => undefined);
    return ok({ status: opened.value.statusCode ?? 0, body: opened.value });
  }

  /** Sends with the current credentials; a 401 to credentials an exec plugin issued is sent once more with fresh ones. */
  private async send(request: ApiRequest, streaming: boolean): Promise<Result<http.IncomingMessage, NetworkFailure>> {
    let credentials: RequestCredentials;
    try {
      credentials = await this.credentials.current();
    } catch (e) {
      return err({ code: 'EAUTH', message: errorMessage(e) });
    }
    const first = await this.sendWith(request, streaming, credentials);
    if (!first.ok || first.value.statusCode !== 401 || !this.credentials.refreshable) return first;
    // The server refused before doing anything, so sending again is safe for every verb.
    first.value.resume();
    try {
      credentials = await this.credentials.refresh({
        authorization: credentials.headers.authorization,
        cert: credentials.tls.cert,
      });
    } catch (e) {
      return err({ code: 'EAUTH', message: errorMessage(e) });
    }
    return this.sendWith(request, streaming, credentials);
  }

  private sendWith(
    request: ApiRequest,
    streaming: boolean,
    credentials: RequestCredentials,
  ): Promise<Result<http.IncomingMessage, NetworkFailure>> {
    const agents = this.agentsFor(credentials);
    const path = `${this.url.pathname.replace(/\/$/, '')}${request.path}${queryString(request.query)}`;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: http.OutgoingHttpHeaders = { ...credentials.headers, accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = request.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const timeout = request.idleTimeoutMs ?? (streaming ? undefined : REQUEST_TIMEOUT_MS);
    const lib = this.url.protocol === 'http:' ? http : https;
    return new Promise((resolve) => {
      const agent = streaming ? agents.streams : agents.requests;
      const req = lib.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path,
          method: request.method,
          headers,
          agent,
          signal: request.signal,
          timeout,
        },
        (res) => resolve(ok(res)),
      );
      // Until the request is flushed the server cannot have acted on it; after that a failure leaves the outcome unknown.
      let sent = false;
      req.on('finish', () => (sent = true));
      if (timeout !== undefined)
        req.on('timeout', () =>
          req.destroy(Object.assign(new Error(`no answer within ${timeout / 1000} s`), { code: 'ETIMEDOUT' })),
        );
      req.on('error', (e: NodeJS.ErrnoException) => resolve(err({ code: e.code ?? e.name, message: e.message, sent })));
      req.end(body);
    });
  }

  /** The agents for these credentials: new ones when an exec plugin issued a new client certificate. */
  private agentsFor(credentials: RequestCredentials): Agents {
    if (sameTlsIdentity(credentials.tls, this.agents.credentials.tls)) return this.agents;
    // Requests still on the old connections fail and are retried (ClusterClient) or resumed (watches).
    this.destroyAgents();
    this.agents = this.createAgents(credentials);
    return this.agents;
  }

  private createAgents(credentials: RequestCredentials): Agents {
    // A proxy needs client-node's own agent; otherwise keep-alive agents save a handshake per request.
    if (credentials.proxyAgent)
      return { requests: credentials.proxyAgent, streams: credentials.proxyAgent, credentials };
    const secureContext = this.url.protocol === 'http:' ? undefined : sharedSecureContext(credentials.tls);
    const make = (maxSockets: number): http.Agent =>
      this.url.protocol === 'http:'
        ? new http.Agent({ keepAlive: true, maxSockets })
        : new https.Agent({ keepAlive: true, maxSockets, ...credentials.tls, secureContext });
    return { requests: make(this.maxSockets), streams: make(Infinity), credentials };
  }

  private destroyAgents(): void {
    this.agents.requests.destroy();
    this.agents.streams.destroy();
  }

  dispose(): void {
    this.destroyAgents();
  }
}

/**
 * One TLS context for all of a cluster's connections: without it Node parses the CA, certificate and key again for
 * every connection it opens. Undefined when the material does not load, so that error still comes with the request.
 */
function sharedSecureContext(options: TlsOptions): tls.SecureContext | undefined {
  const { ca, cert, key, pfx, passphrase } = options;
  try {
    return tls.createSecureContext({ ca, cert, key, pfx, passphrase });
  } catch {
    return undefined;
  }
}

function readWhole(
  res: http.IncomingMessage,
  reader: BodyReader,
  onBodyStart?: (head: Buffer) => void,
): Promise<Result<ApiResponse, NetworkFailure>> {
  return new Promise((resolve) => {
    let started = false;
    res.on('data', (chunk: Buffer) => {
      if (!started) onBodyStart?.(chunk);
      started = true;
      reader.write(chunk);
    });
    res.on('error', (e: NodeJS.ErrnoException) =>
      resolve(err({ code: e.code ?? 'ECONNRESET', message: e.message, sent: true })),
    );
    res.on('end', () => resolve(ok({ status: res.statusCode ?? 0, body: reader.end() })));
    // Closed before the end without an error event: the connection broke mid-answer (after `end` this is a no-op).
    res.on('close', () =>
      resolve(err({ code: 'ECONNRESET', message: 'the connection closed before the answer was complete', sent: true })),
    );
  });
}

/** Reads what is left of a stream as one answer body (a refused watch's Status); undefined if the stream breaks. */
export async function readBody(stream: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch {
    return undefined;
  }
  return parseBody(Buffer.concat(chunks).toString('utf8'));
}

export function queryString(query: ApiRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
