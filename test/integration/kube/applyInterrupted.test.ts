// An apply cut short (the API server going away, hanging, or Ctrl+C) reports every object exactly once, and says
// "unknown" only where the server may have acted: what it calls failed or not applied is really not stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { until } from '../../support/until';
import type { ClusterSimulator } from '../../../sim';
import { applyCommand } from '../../../src/cli/apply';
import { captureIo, defaultStackFolder, stored, stoppedSummary, withSimulator, type Loose } from './harness';

const json = (io: { lines: string[] }): Loose => JSON.parse(io.lines.join('\n'));

/** Every result has one of the four outcomes, the outcome counts add up, and the store agrees with each claim. */
function assertHonest(sim: ClusterSimulator, report: Loose): void {
  const results = report.results as Loose[];
  const { total, applied, failed, unknown, notApplied } = report.outcomes as {
    total: number;
    applied: number;
    failed: number;
    unknown: number;
    notApplied: number;
  };
  assert.equal(total, results.length);
  assert.equal(applied + failed + unknown + notApplied, total, JSON.stringify(report.outcomes));
  for (const r of results) {
    const inStore = stored(sim, r.ref.kind, r.ref.name, r.ref.namespace) !== undefined;
    if (['created', 'configured', 'unchanged'].includes(r.status))
      assert.ok(inStore, `${r.ref.kind} ${r.ref.name} reported ${r.status} but not stored`);
    if (['failed', 'skipped'].includes(r.status))
      assert.ok(!inStore, `${r.ref.kind} ${r.ref.name} reported ${r.status} (${r.message}) but it was stored`);
    if (r.status === 'unknown') assert.match(r.message, /^unknown: re-run to converge/);
  }
}

describe('apply interrupted', () => {
  it('the API server going away mid-apply: the counts add up, failed objects were not stored', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath);
      const run = applyCommand([defaultStackFolder(), '--output', 'json'], io);
      await until(
        () => sim.objects().some((o: Loose) => o.kind === 'ConfigMap' && o.metadata.namespace === 'starter'),
        'the second wave to start',
      );
      sim.faults.down();
      assert.equal(await run, 1);
      const report = json(io);
      assert.match(report.interrupted, /cannot reach the cluster|lost the connection/);
      assertHonest(sim, report);
      assert.ok(report.outcomes.applied > 0 && report.outcomes.notApplied > 0, JSON.stringify(report.outcomes));
    }));

  it('a frozen server that still stores what it gets, then Ctrl+C: in-flight objects are unknown, the rest not applied', () =>
    withSimulator(async (sim) => {
      const abort = new AbortController();
      const io = captureIo(sim.kubeconfigPath, {
        signal: abort.signal,
        onLine: (line) => line.includes('wave 3/4') && sim.faults.freeze({ acting: true }),
      });
      const run = applyCommand([defaultStackFolder(), '--output', 'text'], io);
      // Wait until a workload reached the frozen server (it stores it, the answer never comes), then press Ctrl+C.
      await until(
        () => sim.objects().some((o: Loose) => o.kind === 'Deployment'),
        'a Deployment to reach the frozen server',
      );
      abort.abort();
      assert.equal(await run, 130, io.text());
      const { unknown } = stoppedSummary(io.text());
      assert.ok(unknown >= 1, io.text());
      assert.match(io.text(), /Unknown \(sent, no answer; re-run to converge\): (Deployment|StatefulSet|DaemonSet) /);
      assert.match(io.text(), /Not applied: .*(Ingress|HorizontalPodAutoscaler) /);
    }));

  it('the same, as JSON: every object reported failed or not applied is absent from the store', () =>
    withSimulator(async (sim) => {
      const abort = new AbortController();
      const io = captureIo(sim.kubeconfigPath, { signal: abort.signal });
      const workloads = (): number =>
        sim.objects().filter((o: Loose) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)).length;
      // Slow answers keep several workload requests in flight when the server freezes; it still stores them.
      sim.faults.latency(100);
      const run = applyCommand([defaultStackFolder(), '--output', 'json'], io);
      await until(() => workloads() > 0, 'the first workload to be stored');
      const atFreeze = workloads();
      sim.faults.freeze({ acting: true });
      await until(() => workloads() > atFreeze, 'a workload to be stored without an answer');
      abort.abort();
      assert.equal(await run, 130);
      const report = json(io);
      assertHonest(sim, report);
      assert.ok(report.outcomes.unknown >= 1, JSON.stringify(report.outcomes));
    }));
});
