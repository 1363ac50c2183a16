import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletePod, restartRollout, scaleWorkload, RESTARTED_AT } from '../../../src/kube/actions';
import { main } from '../../../src/cli';
import { restartCommand, scaleCommand } from '../../../src/cli/workloadActions';
import { docs, json, manifests, ok } from '../../support/simKubectl';
import { withCluster } from '../withCluster';
import { captureIo, stored, withSimulator, type Loose } from './harness';

const web = { kind: 'Deployment', namespace: 'demo', name: 'web' } as const;
const readyPods = (sim: { objects(): Loose[] }): Loose[] =>
  sim
    .objects()
    .filter(
      (o) =>
        o.kind === 'Pod' &&
        o.metadata.namespace === 'demo' &&
        !o.metadata.deletionTimestamp &&
        o.status?.conditions?.some((c: Loose) => c.type === 'Ready' && c.status === 'True'),
    );

async function deployWeb(sim: Parameters<typeof ok>[0]): Promise<void> {
  await ok(sim, ['apply', '-f', '-'], docs(manifests.namespace('demo'), manifests.deployment('demo', 'web')));
  await until(() => readyPods(sim).length === 2 || undefined, 'two ready pods', 20_000);
}

describe('cluster actions (kube/actions) on the simulator', () => {
  it('deletePod removes the pod and the ReplicaSet starts a replacement; a missing pod is named', () =>
    withSimulator(async (sim) => {
      await deployWeb(sim);
      const victim = readyPods(sim)[0]!.metadata.name as string;
      await withCluster(sim.kubeconfigPath, async ({ client }) => {
        const answer = await deletePod(client, { namespace: 'demo', name: victim });
        assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
        await until(
          () => (readyPods(sim).length === 2 && readyPods(sim).every((p) => p.metadata.name !== victim)) || undefined,
          'a ready replacement',
          20_000,
        );
        const missing = await deletePod(client, { namespace: 'demo', name: 'no-such-pod' });
        assert.ok(!missing.ok);
        assert.equal(missing.error.kind, 'notFound');
        assert.match(missing.error.message, /no-such-pod/);
      });
    }));

  it('restartRollout stamps the template as kubectl does, under our field manager, and a new revision rolls out', () =>
    withSimulator(async (sim) => {
      await deployWeb(sim);
      await withCluster(sim.kubeconfigPath, async ({ client }) => {
        const answer = await restartRollout(client, web, new Date('2026-01-02T03:04:05Z'));
        assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
      });
      const deployment = stored(sim, 'Deployment', 'web', 'demo')!;
      assert.equal(deployment.spec.template.metadata.annotations[RESTARTED_AT], '2026-01-02T03:04:05.000Z');
      assert.ok(
        deployment.metadata.managedFields.some((f: Loose) => f.manager === 'starter-stack' && f.operation === 'Update'),
        JSON.stringify(deployment.metadata.managedFields),
      );
      await ok(sim, ['rollout', 'status', 'deployment/web', '-n', 'demo', '--timeout=60s']);
      const history = await ok(sim, ['rollout', 'history', 'deployment/web', '-n', 'demo']);
      assert.match(history, /^1 /m);
      assert.match(history, /^2 /m);
    }));

  it('scaleWorkload sets replicas through the scale subresource and reports the previous count; bad counts never reach the cluster', () =>
    withSimulator(async (sim) => {
      await deployWeb(sim);
      await withCluster(sim.kubeconfigPath, async ({ client }) => {
        const answer = await scaleWorkload(client, web, 3);
        assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
        assert.deepEqual(answer.value, { previous: 2 });
        const bad = await scaleWorkload(client, web, -1);
        assert.ok(!bad.ok);
        assert.match(bad.error.message, /replicas must be a whole number from 0 to 1000, got -1/);
        const missing = await scaleWorkload(client, { ...web, name: 'nope' }, 1);
        assert.ok(!missing.ok);
        assert.equal(missing.error.kind, 'notFound');
      });
      const scaled = await json(sim, ['get', 'deployment', 'web', '-n', 'demo']);
      assert.equal(scaled.spec.replicas, 3);
      await until(() => readyPods(sim).length === 3 || undefined, 'three ready pods', 20_000);
    }));
});

describe('starter-stack restart | scale', () => {
  it('restart --wait follows the rollout to the end; scale sets replicas that kubectl reads', () =>
    withSimulator(async (sim) => {
      await deployWeb(sim);
      const restart = captureIo(sim.kubeconfigPath);
      assert.equal(
        await restartCommand(['deploy/web', '-n', 'demo', '--wait', '--timeout', '60'], restart),
        0,
        restart.text(),
      );
      assert.match(restart.text(), /^deployment\.apps\/web restarted$/m);
      assert.match(restart.text(), /ready: /);
      const scale = captureIo(sim.kubeconfigPath);
      assert.equal(
        await scaleCommand(['deployment/web', '--replicas', '1', '--namespace', 'demo'], scale),
        0,
        scale.text(),
      );
      assert.match(scale.text(), /deployment\.apps\/web scaled to 1 \(from 2\)/);
      assert.equal((await json(sim, ['get', 'deploy', 'web', '-n', 'demo'])).spec.replicas, 1);
    }));

  it('names what is wrong: a missing object, a bad kind, a bad count, a missing option', () =>
    withSimulator(async (sim) => {
      const missing = captureIo(sim.kubeconfigPath);
      assert.equal(await restartCommand(['deployment/ghost', '-n', 'demo'], missing), 1);
      assert.match(missing.errors.join('\n'), /starter-stack restart: .*ghost/);
      const usage = async (argv: string[], expected: RegExp): Promise<void> => {
        const io = captureIo(sim.kubeconfigPath);
        assert.equal(await main(argv, io), 2, io.text());
        assert.match(io.errors[0] ?? '', expected);
      };
      await usage(
        ['scale', 'daemonset/agent', '--replicas', '2'],
        /^starter-stack scale: "daemonset" is not one of deployment, statefulset$/m,
      );
      await usage(['scale', 'deployment/web', '--replicas', 'many'], /--replicas must be a whole number, got "many"/);
      await usage(['restart', 'web'], /^starter-stack restart: expected KIND\/NAME/);
      await usage(['scale', 'deployment/web'], /^starter-stack scale: missing --replicas N/);
      await usage(['restart', 'deploy/web', '--replicas', '2'], /^starter-stack restart: unknown option --replicas$/);
    }));
});
