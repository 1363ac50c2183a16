import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chooseAppUrl, probeUrl } from '../../../src/kube/appUrl';

function listen(status: number): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(status).end('hi'));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;

describe('Open App: the Ingress URL when it answers, else a port-forward to the frontend', () => {
  let app: Server;
  let unrouted: Server;
  let closedUrl: string;
  before(async () => {
    app = await listen(200);
    unrouted = await listen(404);
    const gone = await listen(200);
    closedUrl = urlOf(gone);
    await new Promise((r) => gone.close(r));
  });
  after(() => {
    app.close();
    unrouted.close();
  });

  it('opens the Ingress URL when it answers, without starting a forward', async () => {
    let forwards = 0;
    const choice = await chooseAppUrl(urlOf(app), () => (forwards++, Promise.resolve('http://127.0.0.1:1/')));
    assert.deepEqual(choice, { url: urlOf(app), via: 'ingress' });
    assert.equal(forwards, 0);
  });

  it('falls back to the port-forward when nothing listens, saying why', async () => {
    const choice = await chooseAppUrl(closedUrl, () => Promise.resolve(urlOf(app)));
    assert.equal(choice?.via, 'port-forward');
    assert.equal(choice?.url, urlOf(app));
    assert.match(choice?.reason ?? '', /does not answer \(connection refused\)/);
  });

  it("an ingress controller's 404 for an unrouted host is not an answer", async () => {
    assert.deepEqual(await probeUrl(urlOf(unrouted)), { answers: false, reason: 'HTTP 404' });
    const choice = await chooseAppUrl(urlOf(unrouted), () => Promise.resolve(urlOf(app)));
    assert.equal(choice?.via, 'port-forward');
  });

  it('undefined when neither the URL nor the forward works', async () => {
    assert.equal(await chooseAppUrl(closedUrl, () => Promise.resolve(undefined)), undefined);
  });
});
