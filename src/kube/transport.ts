import http from 'node:http';
import https from 'node:https';
import type { IDisposable } from '../util/disposable';
import { err, ok, type Result } from '../util/result';
import type { ClusterTarget } from './kubeconfig';

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

export interface ApiResponse {
  readonly status: number;
  /** Parsed JSON when the server sent JSON, else the text. */
  readonly body: unknown;
}

/** The request never got an HTTP answer: refused, reset, timed out, aborted. */
export interface NetworkFailure {
  readonly code: string;
  readonly message: string;
}

/** One cluster connection: authenticated, kept alive, shared by apply, rollout and delete. */
export interface KubeHttp extends IDisposable {
  readonly server: string;
  readonly contextName: string;
  request(request: ApiRequest): Promise<Result<ApiResponse, NetworkFailure>>;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Builds the connection for a target: TLS material and credentials from client-node (exec plugins included). */
export async function connect(target: ClusterTarget, options: { maxSockets?: number } = {}): Promise<Result<KubeHttp, NetworkFailure>> {
  const settings: https.RequestOptions = {};
  try {
    await target.kubeConfig.applyToHTTPSOptions(settings);
  } catch (e) {
    return err({ code: 'EAUTH', message: `cannot get credentials for context ${target.contextName}: ${e instanceof Error ? e.message : String(e)}` });
  }
  const url = new URL(target.server);
  const agent = keepAliveAgent(target, settings, options.maxSockets ?? 16);
  return ok(new NodeKubeHttp(url, target.contextName, settings, agent));
}

function keepAliveAgent(target: ClusterTarget, settings: https.RequestOptions, maxSockets: number): http.Agent {
  const cluster = target.kubeConfig.getCurrentCluster();
  // A proxy needs client-node's own agent; otherwise a keep-alive one saves a handshake per request.
  if (cluster?.proxyUrl && settings.agent instanceof http.Agent) return settings.agent;
  if (target.server.startsWith('http:')) return new http.Agent({ keepAlive: true, maxSockets });
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = settings;
  return new https.Agent({ keepAlive: true, maxSockets, ca, cert, key, pfx, passphrase, rejectUnauthorized, servername });
}

class NodeKubeHttp implements KubeHttp {
  readonly server: string;
  private readonly headers: http.OutgoingHttpHeaders;

  constructor(
    private readonly url: URL,
    readonly contextName: string,
    private readonly settings: https.RequestOptions,
    private readonly agent: http.Agent,
  ) {
    this.server = url.origin + url.pathname.replace(/\/$/, '');
    this.headers = { ...(settings.headers as http.OutgoingHttpHeaders | undefined) };
    if (settings.auth) this.headers.authorization = `Basic ${Buffer.from(settings.auth).toString('base64')}`;
  }

  request(request: ApiRequest): Promise<Result<ApiResponse, NetworkFailure>> {
    const path = `${this.url.pathname.replace(/\/$/, '')}${request.path}${queryString(request.query)}`;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: http.OutgoingHttpHeaders = { ...this.headers, accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = request.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const lib = this.url.protocol === 'http:' ? http : https;
    return new Promise((resolve) => {
      const req = lib.request(
        { protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, path, method: request.method, headers, agent: this.agent, signal: request.signal, timeout: REQUEST_TIMEOUT_MS },
        (res) => readResponse(res, resolve),
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(err({ code: e.code ?? e.name, message: e.message })));
      req.end(body);
    });
  }

  dispose(): void {
    if (this.agent !== this.settings.agent) this.agent.destroy();
  }
}

function readResponse(res: http.IncomingMessage, resolve: (r: Result<ApiResponse, NetworkFailure>) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('error', (e: NodeJS.ErrnoException) => resolve(err({ code: e.code ?? 'ECONNRESET', message: e.message })));
  res.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    resolve(ok({ status: res.statusCode ?? 0, body: parseBody(text) }));
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function queryString(query: ApiRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
