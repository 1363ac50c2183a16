// A front for the simulator that makes bearer tokens expire, as a real API server does with exec-plugin and OIDC
// tokens. The simulator itself checks one fixed token; this front accepts `Bearer exp-<epoch ms>-<anything>` until
// that time (401 after), and forwards the request — watches, logs and websocket handshakes stream through — with
// the simulator's token.
// Simplification: the expiry travels in the token instead of being looked up; a test's exec plugin mints them.
// It also accepts any client certificate it has not revoked (exec plugins may issue certificates instead of tokens).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { selfSignedCert, type TlsMaterial } from './tls';

export interface ExpiringTokenFront {
  /** `https://127.0.0.1:PORT`; its certificate is `caPem`. */
  readonly url: string;
  readonly caPem: string;
  /** Requests refused so far because their token had expired, was revoked, or was missing. */
  readonly rejected: () => number;
  /** Revokes every token and client certificate seen so far, before its expiry (as a rotated signing key or a deleted user does). */
  revokeAll(): void;
  close(): Promise<void>;
}

/** A bearer token this front accepts until `expiresAt` (epoch ms). */
export const expiringToken = (expiresAt: number, id: string): string => `exp-${expiresAt}-${id}`;

export async function startExpiringTokenFront(upstream: {
  url: string;
  caPem: string;
  token: string;
}): Promise<ExpiringTokenFront> {
  const tls = await selfSignedCert();
  const target = new URL(upstream.url);
  let rejected = 0;
  const seen = new Set<string>();
  const revoked = new Set<string>();
  const UNAUTHORIZED = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: 'Unauthorized',
    reason: 'Unauthorized',
    code: 401,
  });
  /** Whether the request's token is good now; counts the refusals and remembers the tokens it accepted. */
  const accept = (req: IncomingMessage): boolean => {
    const certificate = (req.socket as TLSSocket).getPeerCertificate();
    const fingerprint = certificate && 'fingerprint256' in certificate ? certificate.fingerprint256 : undefined;
    const authorization = req.headers.authorization ?? '';
    const credential = fingerprint ? `certificate ${fingerprint}` : authorization;
    const expiresAt = fingerprint ? Infinity : Number(/^Bearer exp-(\d+)-/.exec(authorization)?.[1] ?? 0);
    if (expiresAt <= Date.now() || revoked.has(credential)) {
      rejected++;
      return false;
    }
    seen.add(credential);
    return true;
  };
  const upstreamOptions = (req: IncomingMessage) => ({
    hostname: target.hostname,
    port: target.port,
    path: req.url,
    method: req.method,
    ca: upstream.caPem,
    headers: { ...req.headers, host: target.host, authorization: `Bearer ${upstream.token}` },
  });
  const server: Server = createServer(
    { cert: tls.cert, key: tls.key, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      if (!accept(req)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return void res.end(UNAUTHORIZED);
      }
      const forwarded = httpsRequest(upstreamOptions(req), (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('error', () => res.destroy());
        answer.pipe(res);
      });
      forwarded.on('error', () => res.destroy());
      res.on('close', () => forwarded.destroy());
      req.pipe(forwarded);
    },
  );
  // Websocket handshakes (the service proxy's Loki tail): checked the same way, then relayed both ways.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!accept(req))
      return void socket.end(
        `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${UNAUTHORIZED.length}\r\nconnection: close\r\n\r\n${UNAUTHORIZED}`,
      );
    const forwarded = httpsRequest(upstreamOptions(req));
    forwarded.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      const headers = Object.entries(answer.headers).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}\r\n`),
      );
      socket.write(`HTTP/1.1 101 Switching Protocols\r\n${headers.join('')}\r\n`);
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      upstreamSocket.on('error', () => socket.destroy());
      socket.on('close', () => upstreamSocket.destroy());
      upstreamSocket.on('close', () => socket.destroy());
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
    });
    forwarded.on('response', (answer) => {
      socket.write(
        `HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}\r\n${Object.entries(answer.headers)
          .map(([k, v]) => `${k}: ${String(v)}\r\n`)
          .join('')}connection: close\r\n\r\n`,
      );
      answer.pipe(socket);
    });
    forwarded.on('error', () => socket.destroy());
    forwarded.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: tls.cert,
    rejected: () => rejected,
    revokeAll: () => seen.forEach((token) => revoked.add(token)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// An exec credential plugin (run with node): counts its runs in a file and prints a token that expires `ttl` ms from
// now — or, given a certificates file, the client certificate of its run (the first run the first one, and so on).
const EXEC_PLUGIN = `
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const [counter, ttl, certificates] = process.argv.slice(2);
const run = (existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0) + 1;
writeFileSync(counter, String(run));
const expiresAt = Date.now() + Number(ttl);
const issued = certificates ? JSON.parse(readFileSync(certificates, 'utf8'))[run - 1] : undefined;
if (certificates && !issued) { process.stderr.write('no certificate left for run ' + run); process.exit(1); }
const status = issued ? { clientCertificateData: issued.cert, clientKeyData: issued.key } : { token: 'exp-' + expiresAt + '-' + run };
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { ...status, expirationTimestamp: new Date(expiresAt).toISOString() } }));
`;

export interface ExecKubeconfig {
  /** A kubeconfig file whose only context reaches the front with the counting exec plugin. */
  readonly path: string;
  /** How often the plugin has run. */
  runs(): number;
  /** Sets the count back to zero. */
  resetRuns(): void;
}

/**
 * Writes a kubeconfig for `front` whose user gets credentials living `ttlMs` from an exec plugin: tokens, or
 * with `certificates` one client certificate per run.
 */
export function writeExecKubeconfig(
  front: ExpiringTokenFront,
  ttlMs: number,
  certificates?: readonly TlsMaterial[],
): ExecKubeconfig {
  const dir = mkdtempSync(join(tmpdir(), 'exec-kubeconfig-'));
  const counter = join(dir, 'runs');
  writeFileSync(counter, '0');
  writeFileSync(join(dir, 'plugin.cjs'), EXEC_PLUGIN);
  const args = [join(dir, 'plugin.cjs'), counter, String(ttlMs)];
  if (certificates) {
    writeFileSync(join(dir, 'certificates.json'), JSON.stringify(certificates));
    args.push(join(dir, 'certificates.json'));
  }
  const exec = {
    apiVersion: 'client.authentication.k8s.io/v1',
    command: process.execPath,
    args,
    interactiveMode: 'Never',
  };
  const path = join(dir, 'config');
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'front',
          cluster: { server: front.url, 'certificate-authority-data': Buffer.from(front.caPem).toString('base64') },
        },
      ],
      users: [{ name: 'exec-user', user: { exec } }],
      contexts: [{ name: 'front', context: { cluster: 'front', user: 'exec-user' } }],
      'current-context': 'front',
    }),
  );
  return { path, runs: () => Number(readFileSync(counter, 'utf8')), resetRuns: () => writeFileSync(counter, '0') };
}
