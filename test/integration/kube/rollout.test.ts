import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCommand } from '../../../src/cli/apply';
import { BASIC, captureIo, withSimulator } from './harness';

describe('apply --wait follows rollouts on watches', () => {
  it('waits until the Deployment is available', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '60'], io), 0, io.text());
      assert.match(io.text(), /ready {3}Deployment demo\/web: 2 of 2 replicas available/);
      assert.match(io.text(), /All 1 workloads are available\./);
    }));

  it('survives dropped and expired watches', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath, {
        onLine: (line) => {
          if (!line.startsWith('Waiting up to')) return;
          sim.faults.goneOnNextWatch();
          setTimeout(() => sim.faults.dropWatches(), 30);
        },
      });
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '60'], io), 0, io.text());
      assert.match(io.text(), /All 1 workloads are available\./);
    }));

  it('on timeout names pods that cannot pull their image', () =>
    withSimulator(async (sim) => {
      sim.faults.imagePullFails('nginx:1.27');
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '4'], io), 1);
      assert.match(io.text(), /Timed out waiting for rollouts\. Not ready:\n {2}Deployment demo\/web: /);
      assert.match(io.text(), /pod web-[\w-]+: container web cannot pull image nginx:1\.27/);
    }));

  it('on timeout names pods whose readiness probe fails', () =>
    withSimulator(async (sim) => {
      sim.faults.failProbe('demo', 'web', 'readiness');
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '4'], io), 1);
      assert.match(io.text(), /pod web-[\w-]+: probe failing: Readiness probe failed/);
    }));
});
