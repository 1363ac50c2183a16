import assert from 'node:assert/strict';
import type https from 'node:https';
import { describe, it } from 'node:test';
import { Credentials, type ClientNodeConfig } from '../../../src/kube/credentials';
import type { Kubeconfig } from '../../../src/kube/kubeconfigData';

function config(user: Record<string, unknown>, cluster: Record<string, unknown> = {}): Kubeconfig {
  return {
    clusters: [{ name: 'c', server: 'https://fake:6443', skipTLSVerify: false, ...cluster }],
    users: [{ name: 'u', ...user }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  };
}

/** A client-node stand-in that hands out a new token on every call, as client-node does once an exec token expired. */
function fakeClientNode(fail = false): { make: ClientNodeConfig; calls: () => number; made: () => number } {
  let calls = 0;
  let made = 0;
  const make: ClientNodeConfig = () => {
    made++;
    return Promise.resolve({
      applyToHTTPSOptions: async (options: https.RequestOptions) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        if (fail && calls > 1) throw new Error('exec: the plugin exited with status 1');
        options.headers = { Authorization: `Bearer token-${calls}`, 'Impersonate-User': 'dev' };
        options.ca = 'CA';
      },
    });
  };
  return { make, calls: () => calls, made: () => made };
}

describe('Credentials', () => {
  it('reads a kubeconfig token once, without client-node', async () => {
    const { make, made } = fakeClientNode();
    const credentials = await Credentials.load(config({ token: 'static', impersonateUser: 'dev' }), 'ctx', make);
    await credentials.current();
    const latest = await credentials.current();
    assert.equal(made(), 0);
    assert.deepEqual(latest.headers, { authorization: 'Bearer static', 'impersonate-user': 'dev' });
  });

  it('asks client-node again before every request for an exec user, once for requests that start together', async () => {
    const { make, calls, made } = fakeClientNode();
    const credentials = await Credentials.load(config({ exec: { command: 'login' } }), 'ctx', make);
    const together = await Promise.all([credentials.current(), credentials.current(), credentials.current()]);
    assert.deepEqual(
      together.map((c) => c.headers.authorization),
      ['Bearer token-2', 'Bearer token-2', 'Bearer token-2'],
    );
    assert.equal((await credentials.current()).headers.authorization, 'Bearer token-3');
    assert.equal(calls(), 3);
    assert.equal(made(), 1, 'one KubeConfig kept (it caches the exec token until it expires)');
    await credentials.refresh({ authorization: 'Bearer token-3' });
    assert.equal(made(), 2, 'a refused token is refreshed with a new KubeConfig, which has no token cached');
  });

  it('a failing plugin rejects with the context named, and the next request tries again', async () => {
    const { make, calls } = fakeClientNode(true);
    const credentials = await Credentials.load(config({ authProvider: { name: 'oidc' } }), 'prod', make);
    await assert.rejects(
      credentials.current(),
      /^Error: cannot get credentials for context prod: exec: the plugin exited with status 1$/,
    );
    await assert.rejects(credentials.current());
    assert.equal(calls(), 3);
  });

  it('a proxy-url goes through client-node (its proxy agents), once', async () => {
    const { make, made } = fakeClientNode();
    const credentials = await Credentials.load(config({ token: 't' }, { proxyUrl: 'http://proxy:3128' }), 'ctx', make);
    await credentials.current();
    assert.equal(made(), 1);
    assert.equal(credentials.initial.headers.authorization, 'Bearer token-1');
  });

  it('a missing certificate file is a message naming the context', async () => {
    await assert.rejects(
      Credentials.load(config({ certFile: '/no/such/cert.pem', keyData: 'a2V5' }), 'dev'),
      /^Error: cannot get credentials for context dev: ENOENT: no such file or directory, open '\/no\/such\/cert.pem'$/,
    );
  });
});
