import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../util/log';
import type { IDisposable } from '../util/disposable';
import { connectionOptions, refusedByApiServer, type ConnectionOptions, type Endpoint } from './endpoint';
import { admit, stripTokenCookie, TOKEN_HEADER, tokenCookie } from './gatewayAuth';
import { ALLOWED_METHODS, gatewayTarget } from './gatewayPath';

/** A local HTTP gateway for Grafana iframes, which cannot carry the kubeconfig's credentials themselves. */
export interface Gateway extends IDisposable {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly token: string;
  /** The base URL iframes use: origin plus the token prefix. */
  readonly base: string;
  close(): Promise<void>;
}

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus ones we replace. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'cookie',
  'referer',
  'origin',
  TOKEN_HEADER,
]);

/**
 * Headers the API server would read as credentials or identity (a page's own Authorization, impersonation,
 * front-proxy user headers): the gateway's requests carry the kubeconfig's credentials and nothing else.
 */
function identityHeader(name: string): boolean {
  return (
    name === 'authorization' ||
    name === 'proxy-authorization' ||
    name.startsWith('impersonate-') ||
    name.startsWith('x-remote-')
  );
}

function forwardHeaders(req: http.IncomingMessage, upstream: ConnectionOptions, target: URL): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(req.headers))
    if (!HOP_BY_HOP.has(key) && !identityHeader(key) && value !== undefined) headers[key] = value;
  const cookie = stripTokenCookie(req.headers.cookie);
  if (cookie) headers.cookie = cookie;
  headers.host = target.host;
  return { ...headers, ...upstream.headers };
}

/**
 * The upstream's credentials for the gateway's requests. After the API server refuses them (401), the next
 * request asks for new ones (an exec plugin's token revoked before its expiry).
 */
class UpstreamCredentials {
  private refused: ConnectionOptions | undefined;

  constructor(readonly upstream: Endpoint) {}

  /** Credentials for a request; `refused`: what this very request was just refused with. */
  next(refused = this.refused): Promise<ConnectionOptions> {
    this.refused = undefined;
    return connectionOptions(this.upstream, refused);
  }

  /** Whether the answer refused `options`: then they are not handed out again. */
  refusedBy(answer: http.IncomingMessage, options: ConnectionOptions): boolean {
    if (!this.upstream.credentials || !refusedByApiServer(answer.statusCode, answer.headers['content-type']))
      return false;
    this.refused = options;
    return true;
  }
}

/** Requests without a body can be sent again as they are; others are streamed to the upstream and cannot. */
const BODYLESS = new Set(['GET', 'HEAD']);

async function proxy(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  credentials: UpstreamCredentials,
  target: URL,
  setCookie: string | undefined,
  log: Logger,
  refused?: ConnectionOptions,
): Promise<void> {
  const bodyless = BODYLESS.has(req.method ?? '');
  const lib = target.protocol === 'https:' ? https : http;
  let options: ConnectionOptions;
  try {
    options = await credentials.next(refused);
  } catch (e) {
    log.warn(`gateway: no credentials for ${target.host}: ${e instanceof Error ? e.message : String(e)}`);
    res.writeHead(502, { 'content-type': 'text/plain' }).end('no credentials for the upstream');
    return;
  }
  const out = lib.request(
    target,
    { method: req.method, headers: forwardHeaders(req, options, target), ...options.tls },
    (answer) => {
      if (credentials.refusedBy(answer, options) && bodyless && !refused) {
        answer.resume();
        void proxy(req, res, credentials, target, setCookie, log, options);
        return;
      }
      const headers = { ...answer.headers };
      // Embedding is the point of the gateway; Grafana's own frame refusal would blank the iframe.
      delete headers['x-frame-options'];
      if (setCookie) headers['set-cookie'] = [...(headers['set-cookie'] ?? []), setCookie];
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    },
  );
  out.on('error', (e) => {
    log.warn(`gateway: upstream ${target.host} failed: ${e.message}`);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('upstream unreachable');
  });
  if (!bodyless) return void req.pipe(out);
  req.resume();
  out.end();
}

/** Starts the gateway on 127.0.0.1, a random port, with a fresh random token. */
export async function startGateway(
  upstream: Endpoint,
  log: Logger,
  token = randomBytes(24).toString('hex'),
): Promise<Gateway> {
  const credentials = new UpstreamCredentials(upstream);
  const server = http.createServer((req, res) => {
    const shown = JSON.stringify(`${req.method ?? ''} ${(req.url ?? '').replaceAll(token, '***')}`.slice(0, 300));
    const admission = admit(req.url ?? '/', req.headers, token);
    if (!admission.admitted) {
      log.warn(`gateway: refused ${shown} (no valid token)`);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden: this gateway needs its session token');
      return;
    }
    const target = gatewayTarget(upstream.baseUrl, req.method ?? '', admission.path);
    if (!target.ok) {
      log.warn(`gateway: refused ${shown}: ${target.reason}`);
      const allow = target.status === 405 ? { allow: ALLOWED_METHODS } : {};
      res
        .writeHead(target.status, { 'content-type': 'text/plain', ...allow })
        .end(`${target.status === 405 ? 'method not allowed' : 'bad request'}: ${target.reason}`);
      req.resume();
      return;
    }
    void proxy(req, res, credentials, target.url, admission.setCookie ? tokenCookie(token) : undefined, log);
  });
  // Grafana Live's websocket is optional; without a proxied upgrade panels poll instead.
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { origin, token, base: `${origin}/t/${token}`, close, dispose: () => void close() };
}
