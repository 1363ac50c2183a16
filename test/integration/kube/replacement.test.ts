import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletePod } from '../../../src/kube/actions';
import { openLiveSession } from '../../../src/kube/cache/connect';
import { ReplacementTimer } from '../../../src/kube/replacement';
import { docs, manifests, ok } from '../../support/simKubectl';
import { withSimulator } from './harness';

describe('replacement time from the watch cache (simulator)', () => {
  it("times a deleted pod's ready replacement from pod events", () =>
    withSimulator(async (sim) => {
      await ok(sim, ['apply', '-f', '-'], docs(manifests.namespace('demo'), manifests.deployment('demo', 'web')));
      await ok(sim, ['rollout', 'status', 'deployment/web', '-n', 'demo', '--timeout=60s']);
      const opened = await openLiveSession({ file: sim.kubeconfigPath });
      assert.ok(opened.ok);
      const session = opened.value;
      try {
        session.cache.start();
        session.cache.openNamespace('demo');
        const pods = await until(
          () => (session.cache.list('Pod', 'demo').length === 2 ? session.cache.list('Pod', 'demo') : undefined),
          'two pods in the cache',
          10_000,
        );
        const victim = pods[0]!;
        const timer = new ReplacementTimer(victim, pods, Date.now());
        let measured: { pod: string; ms: number } | undefined;
        const listener = session.cache.onDidChange(
          () => (measured ??= timer.check(session.cache.list('Pod', 'demo'), Date.now())),
        );
        const answer = await deletePod(session.client, { namespace: 'demo', name: victim.metadata.name });
        assert.ok(answer.ok);
        await until(() => measured, 'a ready replacement', 20_000);
        listener.dispose();
        assert.notEqual(measured!.pod, victim.metadata.name);
        assert.ok(!pods.some((p) => p.metadata.name === measured!.pod));
        assert.ok(measured!.ms > 0);
      } finally {
        session.dispose();
      }
    }));
});
