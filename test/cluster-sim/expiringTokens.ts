// A front for the simulator that makes bearer tokens expire, as a real API server does with exec-plugin and OIDC
// tokens. The simulator itself checks one fixed token; this front accepts `Bearer exp-<epoch ms>-<anything>` until
// that time (401 after), and forwards the request — watches and logs stream through — with the simulator's token.
// Simplification: the expiry travels in the token instead of being looked up; a test's exec plugin mints them.
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCert } from './tls';

export interface ExpiringTokenFront {
  /** `https://127.0.0.1:PORT`; its certificate is `caPem`. */
  readonly url: string;
  readonly caPem: string;
  /** Requests refused so far because their token had expired (or was missing). */
  readonly rejected: () => number;
  close(): Promise<void>;
}

/** A bearer token this front accepts until `expiresAt` (epoch ms). */
export const expiringToken = (expiresAt: number, id: string): string => `exp-${expiresAt}-${id}`;

export async function startExpiringTokenFront(upstream: { url: string; caPem: string; token: string }): Promise<ExpiringTokenFront> {
  const tls = await selfSignedCert();
  const target = new URL(upstream.url);
  let rejected = 0;
  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const expiresAt = Number(/^Bearer exp-(\d+)-/.exec(req.headers.authorization ?? '')?.[1] ?? 0);
    if (expiresAt <= Date.now()) {
      rejected++;
      res.writeHead(401, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    }
    const forwarded = httpsRequest(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, ca: upstream.caPem, headers: { ...req.headers, host: target.host, authorization: `Bearer ${upstream.token}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('error', () => res.destroy());
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: tls.cert,
    rejected: () => rejected,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
