import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rolloutCommand } from '../../../src/cli/rollout';
import { rolloutHistory, undoRollout } from '../../../src/kube/rolloutHistory';
import type { ClusterSimulator } from '../../../sim';
import { docs, json, manifests, ok } from '../../support/simKubectl';
import { withCluster } from '../withCluster';
import { captureIo, withSimulator, type Loose } from './harness';

const web = { namespace: 'demo', name: 'web' };
const image = (tag: string) => `ghcr.io/starter/node-api:${tag}`;
const rolledOut = (sim: ClusterSimulator) =>
  ok(sim, ['rollout', 'status', 'deployment/web', '-n', 'demo', '--timeout=60s']);

/** web at 1.0.0, then 1.1.0 and 1.2.0 (each with a change-cause), every rollout finished. */
async function threeRevisions(sim: ClusterSimulator, extra = ''): Promise<void> {
  await ok(
    sim,
    ['apply', '-f', '-'],
    docs(manifests.namespace('demo'), manifests.deployment('demo', 'web', { image: image('1.0.0'), extra })),
  );
  await rolledOut(sim);
  for (const tag of ['1.1.0', '1.2.0']) {
    await ok(sim, ['set', 'image', 'deployment/web', `web=${image(tag)}`, '-n', 'demo']);
    await ok(sim, [
      'annotate',
      'deployment/web',
      '-n',
      'demo',
      '--overwrite',
      `kubernetes.io/change-cause=image ${tag}`,
    ]);
    await rolledOut(sim);
  }
}

const replicaSets = (sim: ClusterSimulator): Loose[] =>
  sim.objects().filter((o: Loose) => o.kind === 'ReplicaSet' && o.metadata.namespace === 'demo');

describe('rollout history and undo (kube/rolloutHistory) on the simulator', () => {
  it('lists revisions as kubectl does, and undo makes the old ReplicaSet current under a new revision that kubectl reads', () =>
    withSimulator(async (sim) => {
      await threeRevisions(sim);
      await withCluster(sim.kubeconfigPath, async ({ client }) => {
        const history = await rolloutHistory(client, web);
        assert.ok(history.ok, history.ok ? '' : history.error.message);
        assert.deepEqual(
          history.value.revisions.map((r) => [r.revision, r.images.join(), r.changeCause, r.current]),
          [
            [1, image('1.0.0'), undefined, false],
            [2, image('1.1.0'), 'image 1.1.0', false],
            [3, image('1.2.0'), 'image 1.2.0', true],
          ],
        );
        const undone = await undoRollout(client, web, 1);
        assert.ok(undone.ok, undone.ok ? '' : undone.error.message);
        assert.deepEqual(undone.value, {
          toRevision: 1,
          fromImages: [image('1.2.0')],
          toImages: [image('1.0.0')],
          skipped: false,
        });
      });
      await rolledOut(sim);
      const kubectlHistory = await ok(sim, ['rollout', 'history', 'deployment/web', '-n', 'demo']);
      assert.match(kubectlHistory, /^2 +image 1\.1\.0$/m);
      assert.match(kubectlHistory, /^3 +image 1\.2\.0$/m);
      assert.match(kubectlHistory, /^4 +<none>$/m);
      assert.doesNotMatch(kubectlHistory, /^1 /m, 'revision 1 became revision 4');
      assert.match(
        await ok(sim, ['rollout', 'history', 'deployment/web', '-n', 'demo', '--revision=4']),
        /Image:\s+ghcr\.io\/starter\/node-api:1\.0\.0/,
      );
      const reused = replicaSets(sim).find(
        (rs) => rs.metadata.annotations['deployment.kubernetes.io/revision'] === '4',
      );
      assert.equal(reused?.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
      assert.equal(replicaSets(sim).length, 3, 'the rollback reused the first ReplicaSet');
      assert.equal(reused?.spec.replicas, 2);
    }));

  it('our undo and kubectl rollout undo leave twin simulators with the same Deployment spec and annotations', async () => {
    const results: Loose[] = [];
    for (const who of ['ours', 'kubectl'] as const) {
      await withSimulator(async (sim) => {
        await threeRevisions(sim);
        if (who === 'ours') {
          await withCluster(sim.kubeconfigPath, async ({ client }) =>
            assert.ok((await undoRollout(client, web, 2)).ok),
          );
        } else {
          await ok(sim, ['rollout', 'undo', 'deployment/web', '-n', 'demo', '--to-revision=2']);
        }
        await rolledOut(sim);
        const deployment = await json(sim, ['get', 'deployment', 'web', '-n', 'demo']);
        results.push({
          spec: deployment.spec,
          annotations: deployment.metadata.annotations,
          history: await ok(sim, ['rollout', 'history', 'deployment/web', '-n', 'demo']),
        });
      });
    }
    const [ours, theirs] = results;
    assert.equal(ours!.spec.template.spec.containers[0].image, image('1.1.0'));
    assert.deepEqual(ours!.spec, theirs!.spec);
    delete ours!.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    delete theirs!.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    assert.deepEqual(ours!.annotations, theirs!.annotations);
    assert.equal(ours!.annotations['kubernetes.io/change-cause'], 'image 1.1.0');
    assert.equal(ours!.history, theirs!.history);
  });

  it('keeps revisionHistoryLimit old ReplicaSets, dropping the lowest revisions', () =>
    withSimulator(async (sim) => {
      await threeRevisions(sim, '  revisionHistoryLimit: 1\n'.replace(/^/, ''));
      const revisions = replicaSets(sim)
        .map((rs) => rs.metadata.annotations['deployment.kubernetes.io/revision'])
        .sort();
      assert.deepEqual(revisions, ['2', '3']);
    }));

  it('undo names what is missing: no earlier revision, an unknown revision, an unknown Deployment', () =>
    withSimulator(async (sim) => {
      await ok(sim, ['apply', '-f', '-'], docs(manifests.namespace('demo'), manifests.deployment('demo', 'web')));
      await rolledOut(sim);
      await withCluster(sim.kubeconfigPath, async ({ client }) => {
        const none = await undoRollout(client, web);
        assert.ok(!none.ok);
        assert.equal(none.error.message, 'deployment web has no previous revision to roll back to');
        const unknown = await undoRollout(client, web, 7);
        assert.ok(!unknown.ok);
        assert.equal(unknown.error.message, 'deployment web has no revision 7 (revisions: 1)');
        const current = await undoRollout(client, web, 1);
        assert.ok(current.ok && current.value.skipped);
        const ghost = await rolloutHistory(client, { namespace: 'demo', name: 'ghost' });
        assert.ok(!ghost.ok);
        assert.equal(ghost.error.kind, 'notFound');
      });
    }));
});

describe('starter-stack rollout history | undo', () => {
  it('prints the history as a table and as JSON, and undo --wait follows the rollback', () =>
    withSimulator(async (sim) => {
      await threeRevisions(sim);
      const table = captureIo(sim.kubeconfigPath);
      assert.equal(await rolloutCommand(['history', 'deployment/web', '-n', 'demo'], table), 0, table.text());
      assert.match(table.text(), /^REVISION +CURRENT +AGE +IMAGES +CHANGE-CAUSE$/m);
      assert.match(table.text(), /^3 +\* +\d+s +ghcr\.io\/starter\/node-api:1\.2\.0 +image 1\.2\.0$/m);
      const undo = captureIo(sim.kubeconfigPath);
      assert.equal(
        await rolloutCommand(['undo', 'deploy/web', '-n', 'demo', '--wait', '--timeout', '60'], undo),
        0,
        undo.text(),
      );
      assert.match(
        undo.text(),
        /deployment\.apps\/web rolled back to revision 2: ghcr\.io\/starter\/node-api:1\.2\.0 → ghcr\.io\/starter\/node-api:1\.1\.0/,
      );
      assert.match(undo.text(), /ready: /);
      const asJson = captureIo(sim.kubeconfigPath);
      assert.equal(
        await rolloutCommand(['history', 'deployment/web', '-n', 'demo', '-o', 'json'], asJson),
        0,
        asJson.text(),
      );
      const parsed = JSON.parse(asJson.lines.join('\n'));
      assert.deepEqual(
        parsed.revisions.map((r: Loose) => [r.revision, r.current]),
        [
          [1, false],
          [3, false],
          [4, true],
        ],
      );
    }));

  it('bad arguments are usage errors', () =>
    withSimulator(async (sim) => {
      await assert.rejects(
        rolloutCommand(['rewind', 'deployment/web'], captureIo(sim.kubeconfigPath)),
        /unknown rollout action "rewind"/,
      );
      await assert.rejects(
        rolloutCommand(['undo', 'statefulset/db'], captureIo(sim.kubeconfigPath)),
        /"statefulset" is not one of deployment/,
      );
      await assert.rejects(
        rolloutCommand(['undo', 'deployment/web', '--to-revision', 'last'], captureIo(sim.kubeconfigPath)),
        /--to-revision must be a whole number/,
      );
      await assert.rejects(
        rolloutCommand(['history', 'deployment/web', '-o', 'yaml'], captureIo(sim.kubeconfigPath)),
        /--output must be text or json, got "yaml"/,
      );
    }));
});
