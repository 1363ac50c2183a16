import type http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Listening {
  readonly url: string;
  /** Stops listening and ends the connections still open (keep-alive clients, upgraded sockets). */
  readonly close: () => Promise<void>;
}

/** Starts a simulated backend's server on 127.0.0.1 (an ephemeral port unless one is given). */
export async function listenLocal(server: http.Server, port = 0): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
