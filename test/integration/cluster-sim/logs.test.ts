// Level 3: pod logs through the real kubectl (kubectl logs, -f, --tail, --since, --timestamps, --previous).
import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, kubectl, manifests, ok, stream } from '../../support/simKubectl';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- loosely inspected API objects

describe('cluster simulator: pod logs', () => {
  let sim: ClusterSimulator;
  const pod = (prefix: string) =>
    (sim.objects() as Obj[]).find(
      (o) => o.kind === 'Pod' && o.metadata.namespace === 'logs' && o.metadata.name.startsWith(prefix),
    );

  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(
        manifests.namespace('logs'),
        manifests.deployment('logs', 'node-api', { replicas: 1, image: 'ghcr.io/starter/node-api:1.0.0' }),
        manifests.deployment('logs', 'orders', { replicas: 1, image: 'ghcr.io/starter/fastapi-orders:1.0.0' }),
        manifests.deployment('logs', 'db', { replicas: 1, image: 'postgres:16' }),
      ),
    );
    for (const d of ['node-api', 'orders', 'db'])
      await ok(sim, ['-n', 'logs', 'rollout', 'status', `deployment/${d}`, '--timeout=30s']);
    await new Promise((r) => setTimeout(r, 400)); // a few log intervals (50 ms each at this time scale)
  });
  after(() => sim.close());

  it('prints app-shaped log lines, with --tail and --timestamps', async () => {
    const out = await ok(sim, ['-n', 'logs', 'logs', 'deployment/node-api', '--tail=3', '--timestamps']);
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 3);
    for (const line of lines) {
      const [ts, ...rest] = line.split(' ');
      assert.match(ts!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      const entry = JSON.parse(rest.join(' '));
      // The node-api template's own shape (templates/apps/node-api/src/log.js): string levels, msg, service.
      assert.match(entry.msg, /^request( failed)?$/);
      assert.match(entry.level, /^(info|error)$/);
      assert.equal(entry.service, 'node-api');
    }
    const orders = await ok(sim, ['-n', 'logs', 'logs', pod('orders-')!.metadata.name, '--tail=1']);
    assert.equal(JSON.parse(orders).logger, 'uvicorn.access');
    const db = await ok(sim, ['-n', 'logs', 'logs', 'deployment/db', '--tail=5']);
    assert.match(db, /LOG: /);
  });

  it('honours --since and the same lines come back on a second read', async () => {
    const name = pod('node-api-')!.metadata.name;
    const all = (await ok(sim, ['-n', 'logs', 'logs', name])).trim().split('\n');
    const recent = (await ok(sim, ['-n', 'logs', 'logs', name, '--since=1s'])).trim().split('\n');
    assert.ok(all.length >= recent.length);
    assert.equal(all[0], (await ok(sim, ['-n', 'logs', 'logs', name])).split('\n')[0]);
    assert.match(all[1]!, /"msg":"listening"/);
  });

  it('follows logs with kubectl logs -f', async () => {
    const f = stream(sim, ['-n', 'logs', 'logs', '-f', 'deployment/node-api', '--tail=1']);
    try {
      await f.waitFor(/("msg":"request[\s\S]*){4}/);
    } finally {
      f.stop();
    }
  });

  it('serves --previous after a crash, and explains a container that is still waiting', async () => {
    sim.faults.crashLoop('logs', 'crashy-');
    sim.faults.imagePullFails('ghcr.io/starter/missing:9.9.9');
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(
        manifests.deployment('logs', 'crashy', { replicas: 1 }),
        manifests.deployment('logs', 'missing', { replicas: 1, image: 'ghcr.io/starter/missing:9.9.9' }),
      ),
    );
    await until(() => pod('crashy-')?.status?.containerStatuses?.[0]?.lastState?.terminated, 'condition');
    const prev = await ok(sim, ['-n', 'logs', 'logs', pod('crashy-')!.metadata.name, '--previous']);
    assert.match(prev, /simulated crash/);
    await until(
      () => pod('missing-')?.status?.containerStatuses?.[0]?.state?.waiting?.reason?.includes('Image'),
      'condition',
    );
    const waiting = await kubectl(sim, ['-n', 'logs', 'logs', pod('missing-')!.metadata.name]);
    assert.notEqual(waiting.code, 0);
    assert.match(waiting.stderr, /is waiting to start: (ErrImagePull|ImagePullBackOff)/);
  });
});
