// The observability panel reaches Loki through the API server's service proxy with the kubeconfig's credentials.
// With an exec plugin whose tokens expire, a panel open for longer than a token lives must ask for a new one.
// The API server is the cluster simulator (a TEST DOUBLE) behind a front that expires tokens (also a test double);
// Loki and Grafana are stand-ins (TEST DOUBLES).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getJson } from '../../../src/observe/endpoint';
import { startGateway } from '../../../src/observe/gateway';
import { LokiTail, nowNs, type TailState } from '../../../src/observe/loki/tail';
import { serviceProxyEndpoint, STACK_SERVICES } from '../../../src/observe/serviceProxy';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim/index';
import {
  startExpiringTokenFront,
  writeExecKubeconfig,
  type ExecKubeconfig,
  type ExpiringTokenFront,
} from '../../../sim/expiringTokens';
import { startGrafanaStandin, type GrafanaStandin } from '../../standins/grafana/index';
import { startLokiStandin, type LokiStandin } from '../../standins/loki/index';
import type { Logger } from '../../../src/util/log';
import { manifests, ok, serveAsService } from '../../support/simKubectl';
import { withCluster } from '../withCluster';

const SIM_TOKEN = 'sim-token-behind-the-front';
const TOKEN_TTL_MS = 1500;
const quiet: Logger = { trace() {}, info() {}, warn() {}, error() {} };

describe('Loki and Grafana through the service proxy with an expiring exec token (test doubles: simulator, token front, Loki and Grafana stand-ins)', () => {
  let sim: ClusterSimulator;
  let front: ExpiringTokenFront;
  let loki: LokiStandin;
  /** Answers 401 itself to a query without a tenant: the service's refusal, not the API server's. */
  let tenantLoki: LokiStandin;
  let grafana: GrafanaStandin;
  let kubeconfig: ExecKubeconfig;

  before(async () => {
    sim = await startClusterSimulator({ port: 0, timeScale: 0.05, token: SIM_TOKEN });
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.namespace('starter'));
    loki = await startLokiStandin();
    tenantLoki = await startLokiStandin({ requireTenant: true });
    grafana = await startGrafanaStandin();
    await serveAsService(sim, { namespace: 'starter', name: 'grafana', port: 3000 }, grafana.url);
    await serveAsService(sim, { namespace: 'starter', name: 'loki', port: 3100 }, loki.url);
    await serveAsService(sim, { namespace: 'starter', name: 'loki-tenants', port: 3100 }, tenantLoki.url);
    front = await startExpiringTokenFront({ url: sim.url, caPem: sim.caPem, token: SIM_TOKEN });
    kubeconfig = writeExecKubeconfig(front, TOKEN_TTL_MS);
  });

  after(async () => {
    await front.close();
    await loki.close();
    await tenantLoki.close();
    await grafana.close();
    await sim.close();
  });

  it('asks the plugin again once the token has expired, and Loki keeps answering', async () => {
    await withCluster(kubeconfig.path, async ({ target }) => {
      const endpoint = await serviceProxyEndpoint(target, { namespace: 'starter', ...STACK_SERVICES.loki });
      assert.ok(endpoint.ok, endpoint.ok ? '' : endpoint.error);
      const first = await getJson(endpoint.value, '/loki/api/v1/labels');
      assert.ok(first.ok, first.ok ? '' : `first request: ${first.error.status} ${first.error.message}`);
      const before = kubeconfig.runs();
      await new Promise((r) => setTimeout(r, TOKEN_TTL_MS + 300));
      const second = await getJson(endpoint.value, '/loki/api/v1/labels');
      assert.ok(second.ok, second.ok ? '' : `after the token expired: ${second.error.status} ${second.error.message}`);
      assert.deepEqual((second.value as { data: string[] }).data, ['app', 'container', 'namespace', 'pod']);
      assert.equal(kubeconfig.runs(), before + 1, 'the expired token made the plugin run once more');
    });
  });

  it('passes on a 401 from the service behind the proxy without asking the plugin again', async () => {
    const longLived = writeExecKubeconfig(front, 10 * 60_000);
    await withCluster(longLived.path, async ({ target }) => {
      const endpoint = await serviceProxyEndpoint(target, { namespace: 'starter', name: 'loki-tenants', port: 3100 });
      assert.ok(endpoint.ok, endpoint.ok ? '' : endpoint.error);
      const runs = longLived.runs();
      const answer = await getJson(endpoint.value, '/loki/api/v1/labels');
      assert.ok(!answer.ok);
      assert.equal(answer.error.status, 401);
      assert.match(answer.error.message, /no org id/);
      assert.equal(longLived.runs(), runs, "Loki's own refusal is no reason to run the plugin");
    });
  });

  it('runs the plugin again when the API server refuses a token before its expiry: queries and the tail get through', async () => {
    const longLived = writeExecKubeconfig(front, 10 * 60_000);
    const states: TailState[] = [];
    let tail: LokiTail | undefined;
    await withCluster(longLived.path, async ({ target }) => {
      try {
        const endpoint = await serviceProxyEndpoint(target, { namespace: 'starter', ...STACK_SERVICES.loki });
        assert.ok(endpoint.ok, endpoint.ok ? '' : endpoint.error);
        assert.ok((await getJson(endpoint.value, '/loki/api/v1/labels')).ok);
        const rejected = front.rejected();
        front.revokeAll();
        const query = await getJson(endpoint.value, '/loki/api/v1/labels');
        assert.ok(query.ok, query.ok ? '' : `after the revocation: ${query.error.status} ${query.error.message}`);
        assert.equal(front.rejected(), rejected + 1, 'refused once, then sent again');
        const runs = longLived.runs();

        // The tail's first handshake carries the token revoked now; its reconnect must not carry it again.
        front.revokeAll();
        tail = new LokiTail(
          endpoint.value,
          { query: '{namespace="starter"}', start: nowNs(), retryDelayMs: 20, maxRetries: 2 },
          { lines: () => undefined, dropped: () => undefined, state: (state) => states.push(state) },
        );
        tail.start();
        const deadline = Date.now() + 5000;
        while (!states.includes('live') && !states.includes('down') && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(states, ['connecting', 'reconnecting', 'live']);
        assert.equal(longLived.runs(), runs + 1, 'the plugin ran once for the refused handshake');
      } finally {
        tail?.dispose();
      }
    });
  });

  it('the Grafana gateway: a GET refused by the API server is sent again with new credentials; a POST is answered 401 and the next request gets new ones', async () => {
    const longLived = writeExecKubeconfig(front, 10 * 60_000);
    await withCluster(longLived.path, async ({ target }) => {
      const endpoint = await serviceProxyEndpoint(target, { namespace: 'starter', ...STACK_SERVICES.grafana });
      assert.ok(endpoint.ok, endpoint.ok ? '' : endpoint.error);
      const gateway = await startGateway(endpoint.value, quiet);
      try {
        assert.equal((await fetch(`${gateway.base}/api/search`)).status, 200);
        const runs = longLived.runs();
        front.revokeAll();
        assert.equal(
          (await fetch(`${gateway.base}/api/search`)).status,
          200,
          'a GET gets through after the revocation',
        );
        assert.equal(longLived.runs(), runs + 1);

        front.revokeAll();
        const post = await fetch(`${gateway.base}/api/ds/query`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(post.status, 401, 'a streamed body cannot be sent twice: the refusal is passed on');
        assert.equal(
          (await fetch(`${gateway.base}/api/search`)).status,
          200,
          'the next request carries new credentials',
        );
        assert.equal(longLived.runs(), runs + 2);
      } finally {
        await gateway.close();
      }
    });
  });
});
