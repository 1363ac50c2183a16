// Pod port-forward over WebSocket, the channel protocol @kubernetes/client-node's PortForward speaks
// (v4/v5.channel.k8s.io): per forwarded port, channel 0 carries data and channel 1 errors; the server
// first sends the port number (uint16, little-endian) on both channels; every frame starts with its
// channel byte; v5 adds a close frame (255, channel). Each WebSocket is one TCP connection, bridged to
// the local backend of a routed Service selecting the pod (routing.ts).
// Simplified: one port per connection; kubectl's SPDY-based port-forward is not supported.
import { type IncomingMessage } from 'node:http';
import { type Server } from 'node:https';
import { connect } from 'node:net';
import { type Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { type SimContext } from './context';
import { parseResourcePath } from './router';
import { statusObject } from './status';
import { podRoute } from './routing';
import { meta } from './store';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

function reject(socket: Duplex, code: number, reason: string, message: string): void {
  const body = JSON.stringify(statusObject(code, reason, message));
  socket.end(
    `HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function attachPortForward(server: Server, ctx: SimContext, token: string): void {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${token}`) return reject(socket, 401, 'Unauthorized', 'Unauthorized');
    let rr;
    try {
      rr = parseResourcePath(url.pathname);
    } catch {
      rr = undefined;
    }
    if (!rr || rr.resource.kind !== 'Pod' || rr.subresource !== 'portforward')
      return reject(socket, 404, 'NotFound', 'the server could not find the requested resource');
    const pod = ctx.store.peek(rr.resource, rr.namespace, rr.name ?? '');
    if (!pod) return reject(socket, 404, 'NotFound', `pods "${rr.name}" not found`);
    const port = Number(url.searchParams.get('ports')?.split(',')[0]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) return reject(socket, 400, 'BadRequest', 'invalid port');
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ctx, ws, pod, port));
  });
}

function frame(channel: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([channel]), data]);
}

function bridge(ctx: SimContext, ws: WebSocket, pod: Record<string, unknown>, port: number): void {
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16LE(port, 0);
  ws.send(frame(0, portBytes));
  ws.send(frame(1, portBytes));
  const route = podRoute(ctx, pod, port);
  const m = meta(pod);
  if (!route) {
    ws.send(
      frame(
        1,
        Buffer.from(
          `error forwarding port ${port} to pod ${m.name}, uid ${m.uid ?? ''}: failed to connect to localhost:${port} inside namespace "${m.namespace}": connection refused (starter-sim: no backend registered with routeService)`,
        ),
      ),
    );
    ws.close();
    return;
  }
  const tcp = connect(route.port, route.host);
  tcp.on('data', (d: Buffer) => ws.readyState === ws.OPEN && ws.send(frame(0, d)));
  tcp.on('error', (err) => {
    if (ws.readyState === ws.OPEN) ws.send(frame(1, Buffer.from(`error forwarding port ${port}: ${err.message}`)));
    ws.close();
  });
  tcp.on('close', () => ws.close());
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    const data = isBinary ? raw : Buffer.from(raw);
    if (data.length === 0) return;
    const channel = data[0];
    if (channel === 0) tcp.write(data.subarray(1));
    else if (channel === 255 && data[1] === 0) tcp.end(); // v5: the client closed its sending side
  });
  const kill = () => ws.terminate();
  ctx.watches.add(kill); // closed with the simulator, like watch streams
  ws.on('close', () => {
    ctx.watches.delete(kill);
    tcp.destroy();
  });
}
