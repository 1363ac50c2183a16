// Simulated Loki — a stand-in, NOT Loki (Loki is neither in Debian nor on npm). Tests use it, and the demo cluster
// serves it behind a `grafana/loki` pod's Service, fed with the simulator's own pod logs (demoBackends.ts). It speaks the shapes of
// Loki's HTTP API that the panel uses, as documented at grafana.com/docs/loki/latest/reference/loki-http-api:
//   GET /loki/api/v1/labels, GET /loki/api/v1/query_range (streams, direction, limit, start inclusive,
//   end exclusive, 400 past max_entries_limit_per_query), the websocket GET /loki/api/v1/tail
//   ({streams, dropped_entries}), and multi-tenancy via X-Scope-OrgID (401 "no org id" without it).
// Simplifications: entries live in memory; no metric queries; tail replays at most `limit` entries.
import http from 'node:http';
import { listenLocal } from './listen';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseLogQuery, type Labels, type ParsedQuery } from './logql';

export interface LokiEntry {
  labels: Labels;
  ts: bigint;
  line: string;
}

export interface LokiStandinOptions {
  /** When set, every request must carry X-Scope-OrgID (Loki's auth_enabled: true). */
  requireTenant?: boolean;
  maxEntriesLimit?: number; // default 5000, Loki's default max_entries_limit_per_query
  port?: number;
  /** Keeps at most this many entries per tenant, dropping the oldest (Loki's retention, by count). */
  retainEntries?: number;
}

export interface LokiStandin {
  readonly url: string;
  /** Appends entries for a tenant ('fake' is Loki's single-tenant name) and pushes them to live tails. */
  push(labels: Labels, lines: string[], tenant?: string, ts?: bigint): void;
  /** Appends entries with their own timestamps (a collector shipping lines it read) and pushes them to live tails. */
  append(entries: readonly LokiEntry[], tenant?: string): void;
  /** Requests seen: path, tenant header and LogQL query, for assertions. */
  readonly requests: Array<{ path: string; tenant: string | undefined; query?: string }>;
  readonly tails: () => number;
  /** Drops every open tail socket (Loki restarting mid-tail). */
  dropTails(): void;
  close(): Promise<void>;
}

interface Tail {
  socket: WebSocket;
  query: ParsedQuery;
  tenant: string;
}

/** Says what it is: a client showing Loki's version shows that this one is simulated. */
const BUILD_INFO = { version: '3.0.0-simulated (starter-sim stand-in, not Loki)', revision: 'simulated', branch: '' };

export function nowNsBig(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

function groupStreams(entries: readonly LokiEntry[]): Array<{ stream: Labels; values: [string, string][] }> {
  const byKey = new Map<string, { stream: Labels; values: [string, string][] }>();
  for (const e of entries) {
    const key = JSON.stringify(Object.entries(e.labels).sort());
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { stream: e.labels, values: [] }));
    s.values.push([e.ts.toString(), e.line]);
  }
  return [...byKey.values()];
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' })
    .end(text);
}

export async function startLokiStandin(options: LokiStandinOptions = {}): Promise<LokiStandin> {
  const store = new Map<string, LokiEntry[]>();
  const tails = new Set<Tail>();
  const requests: LokiStandin['requests'] = [];
  const maxEntries = options.maxEntriesLimit ?? 5000;

  const tenantOf = (req: http.IncomingMessage): string | undefined => {
    const header = req.headers['x-scope-orgid'];
    return typeof header === 'string' && header !== '' ? header : options.requireTenant ? undefined : 'fake';
  };

  const select = (tenant: string, query: ParsedQuery, start: bigint, end: bigint) =>
    (store.get(tenant) ?? []).filter(
      (e) => e.ts >= start && e.ts < end && query.matches(e.labels) && query.keeps(e.line),
    );

  const queryRange = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, tenant: string) => {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (limit > maxEntries)
      return send(
        res,
        400,
        `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxEntries})\n`,
      );
    let query: ParsedQuery;
    try {
      query = parseLogQuery(url.searchParams.get('query') ?? '');
    } catch (e) {
      return send(res, 400, `${(e as Error).message}\n`);
    }
    const end = BigInt(url.searchParams.get('end') ?? nowNsBig());
    const start = BigInt(url.searchParams.get('start') ?? end - 3_600_000_000_000n);
    const backward = (url.searchParams.get('direction') ?? 'backward') === 'backward';
    const hits = select(tenant, query, start, end).sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    const page = backward ? hits.slice(-limit).reverse() : hits.slice(0, limit);
    send(res, 200, { status: 'success', data: { resultType: 'streams', result: groupStreams(page), stats: {} } });
  };

  /** Every request as it came (what tests check of the tenant header and the query). */
  const record = (req: http.IncomingMessage, url: URL): void =>
    void requests.push({
      path: url.pathname,
      tenant: req.headers['x-scope-orgid'] as string | undefined,
      query: url.searchParams.get('query') ?? undefined,
    });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://loki');
    const tenant = tenantOf(req);
    record(req, url);
    if (!tenant) return send(res, 401, 'no org id\n');
    if (url.pathname === '/ready') return send(res, 200, 'ready\n');
    if (url.pathname === '/loki/api/v1/status/buildinfo') return send(res, 200, BUILD_INFO);
    if (url.pathname === '/loki/api/v1/labels')
      return send(res, 200, { status: 'success', data: ['app', 'container', 'namespace', 'pod'] });
    if (url.pathname === '/loki/api/v1/query_range') return queryRange(req, res, url, tenant);
    send(res, 404, '404 page not found\n');
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://loki');
    const tenant = tenantOf(req);
    record(req, url);
    if (url.pathname !== '/loki/api/v1/tail' || !tenant) {
      socket.end(`HTTP/1.1 ${tenant ? '404 Not Found' : '401 Unauthorized'}\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    let query: ParsedQuery;
    try {
      query = parseLogQuery(url.searchParams.get('query') ?? '');
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const tail: Tail = { socket: ws, query, tenant };
      tails.add(tail);
      ws.on('close', () => tails.delete(tail));
      const start = BigInt(url.searchParams.get('start') ?? nowNsBig() - 3_600_000_000_000n);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const replay = select(tenant, query, start, nowNsBig() + 1_000_000_000_000n).slice(-limit);
      if (replay.length > 0) ws.send(JSON.stringify({ streams: groupStreams(replay) }));
    });
  });

  const listening = await listenLocal(server, options.port);
  const url = listening.url;
  let lastTs = 0n;
  const append = (fresh: readonly LokiEntry[], tenant = 'fake'): void => {
    const list = store.get(tenant) ?? [];
    store.set(tenant, list);
    list.push(...fresh);
    const excess = list.length - (options.retainEntries ?? Infinity);
    if (excess > 0) list.splice(0, excess);
    for (const tail of tails) {
      if (tail.tenant !== tenant) continue;
      const hits = fresh.filter((e) => tail.query.matches(e.labels) && tail.query.keeps(e.line));
      if (hits.length > 0) tail.socket.send(JSON.stringify({ streams: groupStreams(hits), dropped_entries: null }));
    }
  };

  return {
    url,
    requests,
    tails: () => tails.size,
    push(labels, lines, tenant = 'fake', ts) {
      const fresh: LokiEntry[] = [];
      for (const line of lines) {
        // Strictly increasing timestamps, as one stream's entries are in Loki.
        lastTs = ts ?? (nowNsBig() > lastTs ? nowNsBig() : lastTs + 1n);
        fresh.push({ labels, ts: lastTs, line });
        if (ts !== undefined) ts++;
      }
      append(fresh, tenant);
    },
    append,
    dropTails() {
      for (const tail of tails) tail.socket.terminate();
    },
    close: () => {
      for (const tail of tails) tail.socket.terminate();
      wss.close();
      return listening.close();
    },
  };
}
