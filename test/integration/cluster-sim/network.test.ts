// Level 4: service proxy (via kubectl --raw) and pod port-forward (via @kubernetes/client-node's
// PortForward, a WebSocket channel protocol) routed to local backends registered with routeService.
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, kubectl, manifests, ok } from '../../support/simKubectl';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- loosely inspected API objects

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cluster simulator: service proxy and port-forward', () => {
  let sim: ClusterSimulator;
  let backend: Server;
  let backendPort = 0;

  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    backend = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-backend': 'test' });
        res.end(
          JSON.stringify({ method: req.method, url: req.url, body, sawAuth: Boolean(req.headers.authorization) }),
        );
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    backendPort = (backend.address() as AddressInfo).port;
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(
        manifests.namespace('net'),
        manifests.deployment('net', 'web', { replicas: 1 }),
        manifests.service('net', 'web'),
        manifests.service('net', 'unrouted'),
      ),
    );
    await ok(sim, ['-n', 'net', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
    sim.routeService('net', 'web', 80, { host: '127.0.0.1', port: backendPort });
  });
  after(async () => {
    await sim.close();
    backend.closeAllConnections();
    await new Promise((r) => backend.close(r));
  });

  it('proxies GET and POST through services/NAME:PORT/proxy without leaking the token', async () => {
    const got = JSON.parse(
      await ok(sim, ['get', '--raw', '/api/v1/namespaces/net/services/web:80/proxy/api/items?limit=2']),
    ) as Obj;
    assert.deepEqual(got, { method: 'GET', url: '/api/items?limit=2', body: '', sawAuth: false });
    const named = JSON.parse(await ok(sim, ['get', '--raw', '/api/v1/namespaces/net/services/web:http/proxy/'])) as Obj;
    assert.equal(named.url, '/');
    const posted = JSON.parse(
      await ok(
        sim,
        ['create', '--raw', '/api/v1/namespaces/net/services/web/proxy/api/items', '-f', '-'],
        '{"name":"x"}',
      ),
    ) as Obj;
    assert.equal(posted.method, 'POST');
    assert.equal(posted.body, '{"name":"x"}');
  });

  it('answers 503 for a service without a backend, 404 for a missing one', async () => {
    const unrouted = await kubectl(sim, ['get', '--raw', '/api/v1/namespaces/net/services/unrouted/proxy/']);
    assert.match(unrouted.stderr, /ServiceUnavailable|no endpoints available/);
    const missing = await kubectl(sim, ['get', '--raw', '/api/v1/namespaces/net/services/nope/proxy/']);
    assert.match(missing.stderr, /NotFound|not found/);
  });

  it('port-forwards to a pod with @kubernetes/client-node PortForward', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const forward = new PortForward(kc);
    const pod = (sim.objects() as Obj[]).find(
      (o) => o.kind === 'Pod' && o.metadata.namespace === 'net' && o.metadata.name.startsWith('web-'),
    )!;
    const local: TcpServer = createTcpServer(
      (socket) => void forward.portForward('net', pod.metadata.name, [8080], socket, null, socket),
    );
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    try {
      const port = (local.address() as AddressInfo).port;
      const first = await get(port, '/through/forward');
      assert.equal(first.status, 200);
      assert.equal((JSON.parse(first.body) as Obj).url, '/through/forward');
      const second = await get(port, '/again');
      assert.equal((JSON.parse(second.body) as Obj).url, '/again');
    } finally {
      await new Promise((r) => local.close(r));
    }
  });
});
