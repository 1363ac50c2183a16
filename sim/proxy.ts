// Service proxy: /api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH forwards the request
// (method, headers, body, query) to the backend registered for that service port, like the API
// server's proxy to a pod behind the Service. The Authorization header is not passed on.
// Upgrade requests (websockets, e.g. Loki's tail) are relayed too, as the API server's upgrade-aware
// proxy does: the backend's handshake answer goes back as it came, then bytes flow both ways.
import { type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { type Duplex } from 'node:stream';
import { type SimContext } from './context';
import { matchRule } from './faults';
import { parseResourcePath, type ResourceHandler, type ResourceRequest } from './router';
import { serviceRoute } from './routing';
import { errors, SimError } from './status';
import { sendError } from './http-util';

function upstreamTarget(ctx: SimContext, rr: ResourceRequest, params: URLSearchParams, incoming: IncomingHttpHeaders) {
  const route = serviceRoute(ctx, rr.namespace ?? 'default', rr.name ?? '');
  const query = params.toString();
  const path = (rr.proxyPath || '/') + (query ? `?${query}` : '');
  const headers = { ...incoming };
  delete headers.authorization;
  delete headers.host;
  return { route, path, headers };
}

export const handleServiceProxy: ResourceHandler = (ctx, req, res, rr, params) => {
  const { route, path, headers } = upstreamTarget(ctx, rr, params, req.headers);
  return new Promise<void>((resolve) => {
    const upstream = request(
      { host: route.host, port: route.port, method: req.method, path, headers, agent: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', resolve);
      },
    );
    upstream.on('error', (err) => {
      sendError(res, new SimError(503, 'ServiceUnavailable', `error trying to reach service: ${err.message}`));
      resolve();
    });
    req.pipe(upstream);
  });
};

/** Answers an upgrade request with a Status (the socket never became a websocket). */
function refuse(socket: Duplex, error: unknown): void {
  const e =
    error instanceof SimError
      ? error
      : new SimError(500, 'InternalError', error instanceof Error ? error.message : String(error));
  const body = JSON.stringify(e.toStatus());
  socket.end(
    `HTTP/1.1 ${e.code} ${e.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The head of an HTTP answer as raw lines, headers as the backend spelled them. */
function answerHead(up: IncomingMessage): string {
  const lines = [`HTTP/1.1 ${up.statusCode ?? 502} ${up.statusMessage ?? ''}`];
  for (let i = 0; i < up.rawHeaders.length; i += 2) lines.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Relays an upgrade request to a service proxy path; returns false when the path is not one (another upgrade
 * handler, port-forward, takes it). Authentication and injected faults apply as to any request.
 */
export function handleServiceProxyUpgrade(
  ctx: SimContext,
  token: string,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): boolean {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  let rr: ResourceRequest | undefined;
  try {
    rr = parseResourcePath(url.pathname);
  } catch {
    rr = undefined;
  }
  if (rr?.subresource !== 'proxy') return false;
  socket.on('error', () => socket.destroy());
  try {
    const injected = matchRule(ctx.faults, (req.method ?? 'GET').toUpperCase(), url.pathname);
    if (injected) throw injected;
    if (req.headers.authorization !== `Bearer ${token}`) throw errors.unauthorized();
    relayUpgrade(ctx, req, socket, head, upstreamTarget(ctx, rr, url.searchParams, req.headers));
  } catch (e) {
    refuse(socket, e);
  }
  return true;
}

function relayUpgrade(
  ctx: SimContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: ReturnType<typeof upstreamTarget>,
): void {
  const upstream = request({
    host: target.route.host,
    port: target.route.port,
    method: req.method,
    path: target.path,
    headers: target.headers,
    agent: false,
  });
  upstream.on('upgrade', (up, upSocket, upHead) => {
    socket.write(answerHead(up));
    if (upHead.length > 0) socket.write(upHead);
    if (head.length > 0) upSocket.write(head);
    upSocket.on('error', () => socket.destroy());
    upSocket.pipe(socket).pipe(upSocket);
    const kill = () => upSocket.destroy();
    ctx.watches.add(kill); // cut with the simulator, like watch streams
    socket.on('close', () => {
      ctx.watches.delete(kill);
      upSocket.destroy();
    });
  });
  // The backend refused to switch protocols (say, a 401 or 404): pass its answer on, then close.
  upstream.on('response', (up) => {
    socket.write(answerHead(up));
    up.pipe(socket);
  });
  upstream.on('error', (err) =>
    refuse(socket, new SimError(503, 'ServiceUnavailable', `error trying to reach service: ${err.message}`)),
  );
  upstream.end();
}
