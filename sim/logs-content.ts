// Plausible container log lines, generated deterministically from the pod uid and the line index, so
// repeated reads (tailLines, sinceSeconds, follow) agree with each other. The style follows each app:
// node-api logs its own JSON lines (templates/apps/node-api/src/log.js), fastapi structured JSON (uvicorn access), go-api slog JSON, databases their
// usual text lines, anything else nginx-like JSON access lines.
import { createHash } from 'node:crypto';

export type AppKind = 'node-api' | 'fastapi' | 'go-api' | 'postgres' | 'mongo' | 'redis' | 'web';

export function appKind(image: string, container: string): AppKind {
  const s = `${image} ${container}`.toLowerCase();
  if (/postgres/.test(s)) return 'postgres';
  if (/mongo/.test(s)) return 'mongo';
  if (/redis/.test(s)) return 'redis';
  if (/fastapi|python|orders|uvicorn/.test(s)) return 'fastapi';
  if (/go-api|golang|\bgo\b|inventory/.test(s)) return 'go-api';
  if (/node|api|express/.test(s)) return 'node-api';
  return 'web';
}

function rand(seed: string, i: number): number {
  return createHash('sha1').update(`${seed}:${i}`).digest().readUInt32BE(0) / 0xffffffff;
}

export const PATHS: Record<string, string[]> = {
  'node-api': ['/api/items', '/api/items/42', '/api/cart', '/healthz', '/metrics'],
  fastapi: ['/orders', '/orders/1017', '/orders/summary', '/healthz', '/metrics'],
  'go-api': ['/api/inventory', '/api/inventory/sku-88', '/readyz', '/metrics'],
  web: ['/', '/index.html', '/assets/app.js', '/favicon.ico'],
};

const STARTUP: Record<AppKind, string[]> = {
  'node-api': [
    '{"time":"TS","level":"info","msg":"indexes ready","service":"node-api"}',
    '{"time":"TS","level":"info","msg":"listening","service":"node-api","port":8080,"basePath":"/api-node"}',
  ],
  fastapi: [
    '{"level":"INFO","logger":"uvicorn.error","message":"Started server process [1]"}',
    '{"level":"INFO","logger":"uvicorn.error","message":"Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)"}',
  ],
  'go-api': ['{"level":"INFO","msg":"starting server","addr":":8080"}'],
  postgres: [
    'LOG:  starting PostgreSQL 16.4 on x86_64-pc-linux-gnu',
    'LOG:  listening on IPv4 address "0.0.0.0", port 5432',
    'LOG:  database system is ready to accept connections',
  ],
  mongo: [
    '{"t":{"$date":"TS"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections","attr":{"port":27017}}',
  ],
  redis: ['1:M * Ready to accept connections tcp'],
  web: ['/docker-entrypoint.sh: Configuration complete; ready for start up'],
};

/** The line with index `i` (0-based from container start) at time `t`. */
export function logLine(kind: AppKind, seed: string, i: number, t: Date): string {
  const iso = t.toISOString();
  const startup = STARTUP[kind];
  if (i < startup.length) return startup[i]!.replace('TS', iso);
  const r = rand(seed, i);
  const paths = PATHS[kind] ?? PATHS.web!;
  const path = paths[Math.floor(r * paths.length)]!;
  const status = r > 0.97 ? 500 : r > 0.9 ? 404 : 200;
  const ms = Math.round(2 + rand(seed, -i) * 80);
  const method = r > 0.8 ? 'POST' : 'GET';
  const ip = `10.244.0.${1 + Math.floor(r * 20)}`;
  switch (kind) {
    case 'node-api':
      if (status >= 500)
        return JSON.stringify({
          time: iso,
          level: 'error',
          msg: 'request failed',
          service: 'node-api',
          error: 'MongoServerSelectionError: connection timed out',
        });
      return JSON.stringify({
        time: iso,
        level: 'info',
        msg: 'request',
        service: 'node-api',
        method,
        route: path,
        status: String(status),
        path,
        duration_ms: ms,
      });
    case 'fastapi':
      return JSON.stringify({
        timestamp: iso,
        level: status >= 500 ? 'ERROR' : 'INFO',
        logger: 'uvicorn.access',
        message: `${ip} - "${method} ${path} HTTP/1.1" ${status}`,
        method,
        path,
        status,
        duration_ms: ms,
      });
    case 'go-api':
      return JSON.stringify({
        time: iso,
        level: status >= 500 ? 'ERROR' : 'INFO',
        msg: 'request',
        method,
        path,
        status,
        duration: `${ms}ms`,
        remote: ip,
      });
    case 'postgres': {
      const prefix = `${iso.replace('T', ' ').replace('Z', ' UTC')} [${60 + (i % 40)}] LOG:  `;
      return r > 0.7
        ? `${prefix}checkpoint complete: wrote ${Math.floor(r * 90)} buffers`
        : `${prefix}duration: ${ms}.${i % 10}3 ms  statement: SELECT * FROM orders WHERE id = ${i}`;
    }
    case 'mongo':
      return JSON.stringify({
        t: { $date: iso },
        s: 'I',
        c: 'COMMAND',
        id: 51803,
        ctx: `conn${i % 7}`,
        msg: 'Slow query',
        attr: { durationMillis: ms },
      });
    case 'redis':
      return `1:M ${t.toUTCString()} * ${Math.floor(r * 100)} changes in 60 seconds. Saving...`;
    case 'web':
      return JSON.stringify({
        time: iso,
        remote_addr: ip,
        request: `${method} ${path} HTTP/1.1`,
        status,
        body_bytes_sent: Math.floor(r * 5000),
        request_time: ms / 1000,
      });
  }
}

export function crashLine(kind: AppKind, t: Date): string {
  if (kind === 'postgres') return `${t.toISOString()} FATAL:  terminating connection due to administrator command`;
  return JSON.stringify({
    time: t.toISOString(),
    level: 'FATAL',
    msg: 'unhandled error: connect ECONNREFUSED 10.96.0.20:5432 (starter-sim simulated crash)',
  });
}
