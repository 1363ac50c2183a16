import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openLiveSession } from '../../../src/kube/cache/connect';
import type { ClusterSession } from '../../../src/kube/session';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import {
  startExpiringTokenFront,
  writeExecKubeconfig,
  type ExecKubeconfig,
  type ExpiringTokenFront,
} from '../../../sim/expiringTokens';
import { clientCertificates } from '../../../sim/tls';
import { createNamespace } from '../tree/simHelpers';
import { withCluster } from '../withCluster';
import { until } from '../../support/until';

const SIM_TOKEN = 'sim-token-behind-the-front';
const TOKEN_TTL_MS = 1500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const list = { verb: 'list', plural: 'namespaces', group: '' };

/** Lists namespaces `count` times at once; the statuses (or failure messages), in order. */
async function listTogether(client: ClusterSession['client'], count: number): Promise<(number | string)[]> {
  const answers = await Promise.all(
    Array.from({ length: count }, () => client.send({ method: 'GET', path: '/api/v1/namespaces' }, list)),
  );
  return answers.map((a) => (a.ok ? a.value.status : a.error.message));
}

describe('exec-plugin credentials in a long session', () => {
  let sim: ClusterSimulator;
  let front: ExpiringTokenFront;
  let kubeconfig: ExecKubeconfig;
  const runs = (): number => kubeconfig.runs();

  before(async () => {
    sim = await startClusterSimulator({ port: 0, timeScale: 0.05, token: SIM_TOKEN });
    front = await startExpiringTokenFront({ url: sim.url, caPem: sim.caPem, token: SIM_TOKEN });
    kubeconfig = writeExecKubeconfig(front, TOKEN_TTL_MS);
  });

  after(async () => {
    await front.close();
    await sim.close();
  });

  it('keeps the token until it expires, then runs the plugin again (once for requests sent together)', async () => {
    kubeconfig.resetRuns();
    await withCluster(kubeconfig.path, async ({ client }) => {
      assert.equal(runs(), 1, 'connecting runs the plugin');
      assert.ok((await client.send({ method: 'GET', path: '/api/v1/namespaces' }, list)).ok);
      assert.equal(runs(), 1, 'a fresh token is reused');

      await sleep(TOKEN_TTL_MS + 200);
      assert.deepEqual(await listTogether(client, 4), [200, 200, 200, 200]);
      assert.equal(runs(), 2, 'an expired token runs the plugin again, once');

      await sleep(TOKEN_TTL_MS + 200);
      const watch = await client.stream({ method: 'GET', path: '/api/v1/namespaces', query: { watch: 'true' } }, list);
      assert.ok(watch.ok, watch.ok ? '' : watch.error.message);
      watch.value.destroy();
      assert.equal(runs(), 3, 'streams get fresh credentials too');
      assert.equal(front.rejected(), 0);
    });
  });

  it('a token the server revokes before its expiry gets a 401 once: the plugin runs again and the request goes through', async () => {
    const longLived = writeExecKubeconfig(front, 10 * 60_000);
    await withCluster(longLived.path, async ({ client }) => {
      assert.ok((await client.send({ method: 'GET', path: '/api/v1/namespaces' }, list)).ok);
      assert.equal(longLived.runs(), 1);
      const rejectedBefore = front.rejected();
      front.revokeAll();
      assert.deepEqual(await listTogether(client, 3), [200, 200, 200]);
      assert.equal(longLived.runs(), 2, 'one plugin run for the requests refused together');
      assert.equal(front.rejected() - rejectedBefore, 3, 'each was refused once, then sent again');
      // A watch opened with the new token works, and a second revocation is cured the same way for streams.
      front.revokeAll();
      const watch = await client.stream({ method: 'GET', path: '/api/v1/namespaces', query: { watch: 'true' } }, list);
      assert.ok(watch.ok, watch.ok ? '' : watch.error.message);
      watch.value.destroy();
      assert.equal(longLived.runs(), 3);
    });
  });

  it('an exec plugin issuing client certificates: a revoked certificate is replaced, and the connections use the new one', async () => {
    const certificates = writeExecKubeconfig(front, 10 * 60_000, await clientCertificates(3));
    await withCluster(certificates.path, async ({ client }) => {
      assert.ok((await client.send({ method: 'GET', path: '/api/v1/namespaces' }, list)).ok);
      assert.equal(certificates.runs(), 1);
      const rejectedBefore = front.rejected();
      front.revokeAll();
      assert.deepEqual(await listTogether(client, 3), [200, 200, 200]);
      assert.equal(certificates.runs(), 2, 'one plugin run for the requests refused together');
      assert.ok(front.rejected() > rejectedBefore, 'the old certificate was refused');
      // The new certificate stays in use: no more refusals, no more plugin runs.
      const rejectedAfter = front.rejected();
      assert.ok((await client.send({ method: 'GET', path: '/api/v1/namespaces' }, list)).ok);
      assert.equal(front.rejected(), rejectedAfter);
      assert.equal(certificates.runs(), 2);
    });
  });

  it('the cluster tree stays connected across expiries: watches reconnect with a fresh token', async () => {
    kubeconfig.resetRuns();
    const rejectedBefore = front.rejected();
    const opened = await openLiveSession({ file: kubeconfig.path }, { minMs: 20, maxMs: 200 });
    assert.ok(opened.ok, opened.ok ? '' : opened.error);
    const { cache, client } = opened.value;
    try {
      cache.start();
      await until(() => cache.status('Namespace')?.state === 'synced', 'namespaces synced', 5000);
      await sleep(TOKEN_TTL_MS + 200);
      sim.faults.dropWatches();
      await createNamespace(client, 'after-expiry');
      await until(
        () => cache.list('Namespace').some((n) => n.metadata.name === 'after-expiry'),
        'the new namespace in the cache',
        5000,
      );
      assert.ok(runs() >= 2, `the plugin ran again (${runs()} runs)`);
      assert.deepEqual(cache.connection(), { state: 'connected' });
      assert.equal(front.rejected() - rejectedBefore, 0);
    } finally {
      opened.value.dispose();
    }
  });
});
