// The Grafana gateway adds the user's kubeconfig credentials to what it forwards, so it must forward nothing past
// the service-proxy prefix, only what Grafana's embedded pages send, and only with its token in the right place.
// Upstreams: a recording server standing in for the API server (a TEST DOUBLE), and the cluster simulator's service
// proxy (a TEST DOUBLE) in front of the Grafana stand-in (a TEST DOUBLE).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { startGateway, type Gateway } from '../../../src/observe/gateway';
import { TOKEN_COOKIE } from '../../../src/observe/gatewayAuth';
import { serviceProxyEndpoint, STACK_SERVICES } from '../../../src/observe/serviceProxy';
import type { Logger } from '../../../src/util/log';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim/index';
import { startGrafanaStandin, type GrafanaStandin } from '../../standins/grafana/index';
import { arbitraryGatewayPath, leavesPrefix, PROXY_PREFIX, TRAVERSALS } from '../../support/traversal';
import { manifests, ok, serveAsService } from '../../support/simKubectl';
import { withCluster } from '../withCluster';

const quiet: Logger = { trace() {}, info() {}, warn() {}, error() {} };
const UPSTREAM_AUTH = 'Bearer the-users-kube-credential';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** Records the raw request target every request arrived with; answers like an API server that would obey it. */
async function startRecordingUpstream(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`upstream saw ${req.url ?? ''}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** One request with the target exactly as written (fetch would normalise it first, as a browser does). */
function send(
  origin: string,
  target: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; allow?: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, path: target, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, allow: res.headers.allow }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('gateway hardening against a recording upstream at the service-proxy prefix (test double)', () => {
  let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
  let gateway: Gateway;
  before(async () => {
    upstream = await startRecordingUpstream();
    gateway = await startGateway(urlEndpoint(upstream.url + PROXY_PREFIX, { authorization: UPSTREAM_AUTH }), quiet);
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  const ways = (path: string): Array<[string, string, Record<string, string>]> => [
    ...(path.startsWith('/')
      ? [['path token', `/t/${gateway.token}${path}`, {}] as [string, string, Record<string, string>]]
      : []),
    ['header token', path, { 'x-starter-stack-token': gateway.token }],
    ['cookie token', path, { cookie: `${TOKEN_COOKIE}=${gateway.token}`, 'sec-fetch-site': 'same-origin' }],
  ];

  for (const [name, path] of TRAVERSALS) {
    it(`refuses ${name} with a 4xx and forwards nothing, whichever way the token comes`, async () => {
      const seen = upstream.received.length;
      for (const [how, target, headers] of ways(path)) {
        for (const method of ['GET', 'POST']) {
          const res = await send(gateway.origin, target, { method, headers });
          assert.ok(res.status >= 400 && res.status < 500, `${how} ${method} ${target}: ${res.status} ${res.body}`);
        }
      }
      assert.deepEqual(
        upstream.received.slice(seen).map((r) => r.url),
        [],
      );
    });
  }

  it('forwards GET and HEAD, POST only to /api/ds/query, and answers 405 with Allow to every other method', async () => {
    const cases: Array<[string, string, number]> = [
      ['GET', '/d-solo/starter-node-api/?panelId=1', 200],
      ['HEAD', '/public/build/app.js', 200],
      ['POST', '/api/ds/query', 200],
      ['POST', '/api/dashboards/db', 405],
      ['POST', '/api/frontend-metrics', 405],
      ['PUT', '/api/dashboards/db', 405],
      ['PATCH', '/api/ds/query', 405],
      ['DELETE', '/api/dashboards/uid/x', 405],
      ['DELETE', '/api/ds/query', 405],
      ['OPTIONS', '/api/ds/query', 405],
      ['TRACE', '/', 405],
      ['PROPFIND', '/', 405],
    ];
    for (const [method, path, status] of cases) {
      const seen = upstream.received.length;
      const res = await send(gateway.origin, `/t/${gateway.token}${path}`, {
        method,
        body: method === 'POST' || method === 'PUT' || method === 'PATCH' ? '{}' : undefined,
      });
      assert.equal(res.status, status, `${method} ${path}: ${res.body}`);
      const got = upstream.received.slice(seen);
      if (status === 405) {
        assert.equal(res.allow, 'GET, HEAD, POST');
        assert.deepEqual(got, [], `${method} ${path} reached the upstream`);
      } else {
        assert.deepEqual(
          got.map((r) => `${r.method} ${r.url}`),
          [`${method} ${PROXY_PREFIX}${path}`],
        );
      }
    }
  });

  it('takes the token from the path prefix, the header, or a same-origin cookie or Referer, and from nowhere else', async () => {
    const t = gateway.token;
    const cases: Array<[string, string, Record<string, string>, boolean]> = [
      ['path prefix', `/t/${t}/api/search`, {}, true],
      ['header', '/api/search', { 'x-starter-stack-token': t }, true],
      [
        'cookie (same-origin)',
        '/api/search',
        { cookie: `${TOKEN_COOKIE}=${t}`, 'sec-fetch-site': 'same-origin' },
        true,
      ],
      [
        'Referer (same-origin)',
        '/api/search',
        { referer: `${gateway.origin}/t/${t}/d-solo/x/`, 'sec-fetch-site': 'same-origin' },
        true,
      ],
      ['cookie (cross-site)', '/api/search', { cookie: `${TOKEN_COOKIE}=${t}`, 'sec-fetch-site': 'cross-site' }, false],
      [
        'cookie (same-site: another port of 127.0.0.1)',
        '/api/search',
        { cookie: `${TOKEN_COOKIE}=${t}`, 'sec-fetch-site': 'same-site' },
        false,
      ],
      [
        'Referer (cross-site)',
        '/api/search',
        { referer: `${gateway.origin}/t/${t}/d-solo/x/`, 'sec-fetch-site': 'cross-site' },
        false,
      ],
      ['query ?token=', `/api/search?token=${t}`, {}, false],
      ['query ?t=', `/api/search?t=${t}`, {}, false],
      ['later in the path', `/public/t/${t}/app.js`, {}, false],
      ['Authorization: Bearer', '/api/search', { authorization: `Bearer ${t}` }, false],
      [
        'Authorization: Basic',
        '/api/search',
        { authorization: `Basic ${Buffer.from(`x:${t}`).toString('base64')}` },
        false,
      ],
      ['another cookie name', '/api/search', { cookie: `grafana_session=${t}` }, false],
    ];
    for (const [how, target, headers, admitted] of cases) {
      const seen = upstream.received.length;
      const res = await send(gateway.origin, target, { headers });
      assert.equal(res.status, admitted ? 200 : 403, `${how}: ${res.status} ${res.body}`);
      assert.equal(upstream.received.length - seen, admitted ? 1 : 0, how);
    }
  });

  it("sends the kubeconfig credentials only: a page's own Authorization, impersonation and front-proxy headers are dropped", async () => {
    const seen = upstream.received.length;
    const res = await send(gateway.origin, `/t/${gateway.token}/api/search`, {
      headers: {
        authorization: 'Bearer someone-else',
        'impersonate-user': 'system:admin',
        'impersonate-group': 'system:masters',
        'impersonate-extra-scopes': 'x',
        'x-remote-user': 'admin',
        'proxy-authorization': 'Basic eA==',
      },
    });
    assert.equal(res.status, 200);
    const [got] = upstream.received.slice(seen);
    assert.equal(got?.headers.authorization, UPSTREAM_AUTH);
    for (const name of [
      'impersonate-user',
      'impersonate-group',
      'impersonate-extra-scopes',
      'x-remote-user',
      'proxy-authorization',
    ])
      assert.equal(got?.headers[name], undefined, name);
  });

  it('property: whatever path a request names, the upstream never receives one that resolves outside the prefix', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryGatewayPath, fc.constantFrom('GET', 'HEAD', 'POST'), async (path, method) => {
        const seen = upstream.received.length;
        const res = await send(gateway.origin, `/t/${gateway.token}${path}`, { method });
        for (const r of upstream.received.slice(seen))
          assert.ok(!leavesPrefix(r.url), `${method} ${path} reached ${r.url}`);
        if (res.status === 200) assert.equal(upstream.received.length - seen, 1);
      }),
      { numRuns: 400 },
    );
  });
});

describe("gateway in front of the simulator's service proxy: no way to the rest of the API (test doubles)", () => {
  let sim: ClusterSimulator;
  let grafana: GrafanaStandin;
  const SECRET_VALUE = 'c3VwZXItc2VjcmV0LWRiLXBhc3N3b3Jk';
  before(async () => {
    sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.namespace('starter'));
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: kube-system\ndata:\n  password: ${SECRET_VALUE}\n`,
    );
    grafana = await startGrafanaStandin();
    await serveAsService(sim, { namespace: 'starter', ...STACK_SERVICES.grafana }, grafana.url);
  });
  after(async () => {
    await grafana.close();
    await sim.close();
  });

  it("serves the embedded panel, and every traversal toward kube-system's Secrets is refused without reaching the API server", async () => {
    await withCluster(sim.kubeconfigPath, async ({ target }) => {
      const endpoint = await serviceProxyEndpoint(target, { namespace: 'starter', ...STACK_SERVICES.grafana });
      assert.ok(endpoint.ok, endpoint.ok ? '' : endpoint.error);
      const gateway = await startGateway(endpoint.value, quiet);
      try {
        const page = await send(gateway.origin, `/t/${gateway.token}/d-solo/starter-node-api/?panelId=1`);
        assert.equal(page.status, 200, page.body);
        const up = '/..'.repeat(7);
        for (const target of [
          `${up}/api/v1/namespaces/kube-system/secrets/db`,
          `${'/%2e%2e'.repeat(7)}/api/v1/namespaces/kube-system/secrets/db`,
          `${PROXY_PREFIX}${up}/api/v1/namespaces/kube-system/secrets`,
          `/..%2f..%2f..%2f..%2f..%2f..%2f..%2fapi%2fv1%2fsecrets`,
        ]) {
          for (const method of ['GET', 'DELETE']) {
            const res = await send(gateway.origin, `/t/${gateway.token}${target}`, { method });
            assert.ok(res.status >= 400 && res.status < 500, `${method} ${target}: ${res.status}`);
            assert.ok(!res.body.includes(SECRET_VALUE), `${method} ${target} returned the Secret`);
          }
        }
        assert.match(await ok(sim, ['get', 'secret', 'db', '-n', 'kube-system', '-o', 'name']), /secret\/db/);
      } finally {
        await gateway.close();
      }
    });
  });
});
