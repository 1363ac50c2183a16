import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCommand } from '../../../src/cli/apply';
import { main } from '../../../src/cli';
import { ok } from '../../support/simKubectl';
import { captureIo, defaultStackFolder, withSimulator, type Loose } from './harness';

const verify = async (kubeconfig: string, ref: string): Promise<{ code: number; report: Loose; text: string }> => {
  const io = captureIo(kubeconfig);
  const code = await main(['verify', 'rollout', ref, '-n', 'starter', '--timeout', '120', '--output', 'json'], io);
  return { code, report: io.lines.length ? (JSON.parse(io.lines.join('\n')) as Loose) : {}, text: io.text() };
};

describe('starter-stack verify rollout on the stack (simulator)', () => {
  it("the stack's API Deployments never drop below desired ready endpoints; a Recreate database is caught with none", () =>
    withSimulator(async (sim) => {
      const applied = captureIo(sim.kubeconfigPath);
      assert.equal(
        await applyCommand([defaultStackFolder(), '--wait', '--timeout', '120'], applied),
        0,
        applied.text(),
      );
      for (const name of ['go-api', 'node-api', 'fastapi', 'frontend']) {
        const { code, report, text } = await verify(sim.kubeconfigPath, `deployment/${name}`);
        assert.equal(code, 0, `${name}: ${text}`);
        assert.deepEqual(Object.keys(report).slice(0, 4), ['min_ready', 'desired', 'zero_ready_ms', 'duration_ms']);
        assert.equal(report.completed, true, name);
        assert.equal(report.zero_ready_ms, 0, name);
        // maxUnavailable: 0 — the new pod is ready before an old one goes.
        assert.equal(report.min_ready, report.desired, `${name}: ${text}`);
        assert.ok(report.duration_ms > 0);
      }
      const recreate = await verify(sim.kubeconfigPath, 'deployment/postgres');
      assert.equal(recreate.code, 1, recreate.text);
      assert.equal(recreate.report.min_ready, 0);
      assert.ok(recreate.report.zero_ready_ms > 0, recreate.text);
    }));

  it('stops at the progress deadline when the new pods never get ready, and says why', () =>
    withSimulator(async (sim) => {
      const applied = captureIo(sim.kubeconfigPath);
      assert.equal(
        await applyCommand([defaultStackFolder(), '--wait', '--timeout', '120'], applied),
        0,
        applied.text(),
      );
      // 20 s of deadline is 1 s at the simulator's time scale; then go-api's readiness probe fails (old pods too).
      await ok(sim, ['-n', 'starter', 'patch', 'deployment/go-api', '-p', '{"spec":{"progressDeadlineSeconds":20}}']);
      sim.faults.failProbe('starter', 'go-api', 'readiness');
      const { code, report, text } = await verify(sim.kubeconfigPath, 'deployment/go-api');
      assert.equal(code, 1, text);
      assert.equal(report.completed, false);
      assert.equal(report.outcome, 'failed');
      assert.match(report.problem, /^progress deadline exceeded; pod go-api-[a-z0-9]+-[a-z0-9]{5}: /);
      assert.equal(report.min_ready, 0);
      assert.ok(report.zero_ready_ms > 0, text);
    }));

  it('names a workload that no Service selects, and restarts nothing', () =>
    withSimulator(async (sim) => {
      const applied = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([defaultStackFolder()], applied), 0, applied.text());
      const before = (sim.objects() as Loose[]).find((o) => o.kind === 'Deployment' && o.metadata.name === 'go-api')
        ?.metadata.generation;
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await main(['verify', 'rollout', 'deployment/go-api', '-n', 'nowhere'], io), 1);
      assert.match(io.errors[0] ?? '', /^starter-stack verify rollout: .*go-api/);
      assert.equal(
        (sim.objects() as Loose[]).find((o) => o.kind === 'Deployment' && o.metadata.name === 'go-api')?.metadata
          .generation,
        before,
      );
      const usage = captureIo(sim.kubeconfigPath);
      assert.equal(await main(['verify', 'daemonset/x'], usage), 2);
      assert.match(usage.errors[0] ?? '', /cannot verify "daemonset\/x" \(only rollout\)/);
    }));
});
