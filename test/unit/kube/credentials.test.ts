import assert from 'node:assert/strict';
import type https from 'node:https';
import { describe, it } from 'node:test';
import type { KubeConfig } from '@kubernetes/client-node';
import { Credentials } from '../../../src/kube/credentials';

/** A kubeconfig stand-in that hands out a new token on every call, as client-node does once an exec token expired. */
function fakeKubeConfig(user: Record<string, unknown>, fail = false): { kubeConfig: KubeConfig; calls: () => number } {
  let calls = 0;
  const kubeConfig = {
    getCurrentUser: () => ({ name: 'u', ...user }),
    getCurrentCluster: () => ({ name: 'c', server: 'https://fake:6443' }),
    applyToHTTPSOptions: async (options: https.RequestOptions) => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail && calls > 1) throw new Error('exec: the plugin exited with status 1');
      options.headers = { Authorization: `Bearer token-${calls}`, 'Impersonate-User': 'dev' };
      options.ca = 'CA';
    },
  };
  return { kubeConfig: kubeConfig as unknown as KubeConfig, calls: () => calls };
}

describe('Credentials', () => {
  it('reads a kubeconfig token once', async () => {
    const { kubeConfig, calls } = fakeKubeConfig({ token: 'static' });
    const credentials = await Credentials.load(kubeConfig, 'ctx');
    await credentials.current();
    const latest = await credentials.current();
    assert.equal(calls(), 1);
    assert.deepEqual(latest.headers, { authorization: 'Bearer token-1', 'impersonate-user': 'dev' });
    assert.equal(latest.tls.ca, 'CA');
  });

  it('asks client-node again before every request for an exec user, once for requests that start together', async () => {
    const { kubeConfig, calls } = fakeKubeConfig({ exec: { command: 'login' } });
    const credentials = await Credentials.load(kubeConfig, 'ctx');
    const together = await Promise.all([credentials.current(), credentials.current(), credentials.current()]);
    assert.deepEqual(
      together.map((c) => c.headers.authorization),
      ['Bearer token-2', 'Bearer token-2', 'Bearer token-2'],
    );
    assert.equal((await credentials.current()).headers.authorization, 'Bearer token-3');
    assert.equal(calls(), 3);
  });

  it('a failing plugin rejects with the context named, and the next request tries again', async () => {
    const { kubeConfig, calls } = fakeKubeConfig({ authProvider: { name: 'oidc' } }, true);
    const credentials = await Credentials.load(kubeConfig, 'prod');
    await assert.rejects(
      credentials.current(),
      /^Error: cannot get credentials for context prod: exec: the plugin exited with status 1$/,
    );
    await assert.rejects(credentials.current());
    assert.equal(calls(), 3);
  });
});
