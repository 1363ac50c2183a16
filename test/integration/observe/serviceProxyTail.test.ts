// Loki's live tail (a websocket) through the API server's service proxy, with no Loki URL set: how the panel
// reaches the stack's in-cluster loki Service. The cluster simulator (a TEST DOUBLE of the API server) relays
// the upgrade to the Loki stand-in (a TEST DOUBLE of Loki) registered as that Service's backend.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { resolveConnections, type ObserveConnections } from '../../../src/observe/connections';
import { endpointUrl } from '../../../src/observe/endpoint';
import { buildLogQuery } from '../../../src/observe/logql';
import { LokiClient } from '../../../src/observe/loki/client';
import { msToNs } from '../../../src/observe/loki/entries';
import { LokiTail, type TailState } from '../../../src/observe/loki/tail';
import { LogStream, type StreamStatus } from '../../../src/observe/logStream';
import type { LogLine } from '../../../src/observe/model';
import { silentLogger } from '../../../src/util/log';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim/index';
import { startLokiStandin, type LokiStandin } from '../../standins/loki/index';
import { manifests, ok, serveAsService } from '../../support/simKubectl';
import { until } from '../../support/until';

const TENANT = 'team-a';
const scope = { namespace: 'starter', workload: 'node-api' };
const query = buildLogQuery(scope, { text: '', regex: false, levels: [] });
const labels = { namespace: 'starter', app: 'node-api', pod: 'node-api-1', container: 'node-api' };

/** Opens a websocket to `url` with `headers` and reports the HTTP status it was refused with (101 when opened). */
function handshakeStatus(url: URL, headers: Record<string, string>, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, ca });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

describe("Loki tail through the cluster simulator's service proxy (test doubles: simulator and Loki stand-in)", () => {
  let sim: ClusterSimulator;
  let loki: LokiStandin;
  let connections: ObserveConnections;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.namespace('starter'));
    loki = await startLokiStandin({ requireTenant: true });
    await serveAsService(sim, { namespace: 'starter', name: 'loki', port: 3100 }, loki.url);
    // What the panel does with no starterStack.lokiUrl: find the stack's Service through the kubeconfig's cluster.
    connections = await resolveConnections(
      { stackNamespace: 'starter', lokiTenant: TENANT, kubeconfig: { file: sim.kubeconfigPath } },
      silentLogger,
    );
  });
  after(async () => {
    await loki?.close();
    await sim?.close();
  });

  it('finds Loki as the in-cluster service, through the proxy, with the kubeconfig credentials', () => {
    const endpoint = connections.loki;
    assert.ok(endpoint, `no Loki: ${connections.notes.join('; ')}`);
    assert.equal(endpoint.via, 'service proxy starter/loki:3100');
    assert.equal(endpoint.baseUrl, `${sim.url}/api/v1/namespaces/starter/services/loki:3100/proxy`);
    assert.match(endpoint.headers.authorization ?? '', /^Bearer starter-sim-/);
    assert.equal(endpoint.headers['X-Scope-OrgID'], TENANT);
  });

  it('streams a live tail over wss through the proxy, and reconnects through it without repeating lines', async () => {
    const got: LogLine[] = [];
    const states: TailState[] = [];
    const tail = new LokiTail(
      connections.loki!,
      { query, start: msToNs(Date.now() - 1000), maxRetries: 3, retryDelayMs: 50 },
      {
        lines: (lines) => got.push(...lines),
        dropped: () => undefined,
        state: (state) => states.push(state),
      },
    );
    try {
      tail.start();
      await until(() => loki.tails() === 1 && states.includes('live'), 'the tail open through the proxy');
      loki.push(labels, ['one', 'two'], TENANT);
      await until(() => got.length === 2, 'two lines through the proxy');
      // Loki restarts: the proxied socket closes, the client reconnects through the proxy from the last line seen.
      loki.dropTails();
      await until(() => states.filter((s) => s === 'live').length === 2, 'reconnected through the proxy');
      loki.push(labels, ['three'], TENANT);
      await until(() => got.length === 3, 'the third line after the reconnect');
      assert.deepEqual(
        got.map((l) => [l.line, l.pod]),
        [
          ['one', 'node-api-1'],
          ['two', 'node-api-1'],
          ['three', 'node-api-1'],
        ],
      );
      const tails = loki.requests.filter((r) => r.path === '/loki/api/v1/tail');
      assert.ok(
        tails.length >= 2 && tails.every((r) => r.tenant === TENANT),
        'every tail handshake carried the tenant through the proxy',
      );
    } finally {
      tail.dispose();
    }
    await until(() => loki.tails() === 0, 'the proxied socket closed with the tail');
  });

  it("shows history, then live lines, through the proxy (the panel's log stream, no fallback needed)", async () => {
    loki.push(labels, ['history via proxy'], TENANT);
    const history: LogLine[] = [];
    const live: LogLine[] = [];
    const statuses: StreamStatus[] = [];
    const stream = new LogStream(
      {
        query,
        filter: { text: '', regex: false, levels: [] },
        loki: new LokiClient(connections.loki!),
        fallback: () => Promise.reject(new Error('must not fall back')),
        historyLimit: 100,
        lookbackMs: 3_600_000,
      },
      {
        history: (lines) => history.push(...lines),
        lines: (lines) => live.push(...lines),
        dropped: () => undefined,
        status: (state) => statuses.push(state),
      },
      silentLogger,
    );
    try {
      await stream.start();
      assert.ok(
        history.some((l) => l.line === 'history via proxy'),
        'history through the proxy',
      );
      await until(() => statuses.includes('live'), 'live through the proxy');
      loki.push(labels, ['live via proxy'], TENANT);
      await until(() => live.some((l) => l.line === 'live via proxy'), 'a live line through the proxy');
      assert.ok(!statuses.includes('fallback'), `statuses: ${statuses.join(', ')}`);
    } finally {
      stream.dispose();
    }
  });

  it("the proxy refuses a tail handshake without the cluster credentials, and passes Loki's own refusal on", async () => {
    const endpoint = connections.loki!;
    const url = endpointUrl(endpoint, '/loki/api/v1/tail', { query });
    url.protocol = 'wss:';
    const ca = sim.caPem;
    assert.equal(
      await handshakeStatus(url, { 'X-Scope-OrgID': TENANT }, ca),
      401,
      'no bearer token: the API server says 401',
    );
    assert.equal(
      await handshakeStatus(url, { authorization: endpoint.headers.authorization! }, ca),
      401,
      'no tenant: Loki says 401 through the proxy',
    );
    assert.equal(await handshakeStatus(url, { ...endpoint.headers }, ca), 101, 'with both: the websocket opens');
  });

  it('reports the Service without a backend as the API server does (503), and the tail gives up', async () => {
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.unbackedService('starter', 'loki-gone', 3100));
    const gone = {
      ...connections.loki!,
      baseUrl: connections.loki!.baseUrl.replace('/services/loki:3100/', '/services/loki-gone:3100/'),
    };
    const states: Array<[TailState, string]> = [];
    const tail = new LokiTail(
      gone,
      { query, start: msToNs(Date.now()), maxRetries: 1, retryDelayMs: 20 },
      { lines: () => undefined, dropped: () => undefined, state: (s, m) => states.push([s, m]) },
    );
    try {
      tail.start();
      await until(() => states.at(-1)?.[0] === 'down', 'the tail down after its retries');
      assert.match(states.at(-1)![1], /HTTP 503/);
    } finally {
      tail.dispose();
    }
  });
});
