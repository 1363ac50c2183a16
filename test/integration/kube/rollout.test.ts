import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it(
    'stops well before the timeout when an image cannot be pulled, naming the image, the line and the fix',
    { timeout: 60_000 },
    () =>
      withSimulator(async (sim) => {
        sim.faults.imagePullFails('nginx:1.27');
        const io = captureIo(sim.kubeconfigPath);
        assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '180'], io), 1);
        const text = io.text();
        assert.match(
          text,
          /Rollout failed: 1 workload\(s\) cannot become available by waiting; stopped before the timeout\./,
        );
        assert.match(
          text,
          /Deployment demo\/web \(30-deployment\.yaml:21\): pod web-[\w-]+: cannot pull image nginx:1\.27 \((ErrImagePull|ImagePullBackOff)/,
        );
        assert.match(
          text,
          /Fix: build the app images and load them into the cluster \(starter-stack images build, then starter-stack images load\), or correct the image at 30-deployment\.yaml:21; then apply again/,
        );
        assert.doesNotMatch(text, /Timed out/);
      }),
  );

  it('as JSON: the failure with its cause, location and fix', { timeout: 60_000 }, () =>
    withSimulator(async (sim) => {
      sim.faults.imagePullFails('nginx:1.27');
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '180', '--output', 'json'], io), 1);
      const rollout = JSON.parse(io.lines.join('\n')).rollout;
      assert.equal(rollout.failed, true);
      assert.equal(rollout.timedOut, false);
      const failure = rollout.workloads[0].failure;
      assert.equal(failure.cause, 'image');
      assert.equal(failure.location, '30-deployment.yaml:21');
      assert.match(failure.fix, /starter-stack images build, then starter-stack images load/);
    }),
  );

  it('stops early when a claim cannot be provisioned, pointing at its storageClassName', { timeout: 60_000 }, () =>
    withSimulator(async (sim) => {
      const dir = mkdtempSync(join(tmpdir(), 'pvc-'));
      writeFileSync(join(dir, '00-namespace.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n');
      writeFileSync(join(dir, 'db.yaml'), DB_WITH_MISSING_CLASS);
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([dir, '--wait', '--timeout', '180'], io), 1);
      assert.match(
        io.text(),
        /Deployment demo\/db \(db\.yaml:9\): pod db-[\w-]+: PersistentVolumeClaim data cannot be bound: storageclass\.storage\.k8s\.io "fast-ssd" not found/,
      );
      assert.match(io.text(), /Fix: set storageClassName at db\.yaml:9 to a StorageClass the cluster has/);
    }),
  );

  it('a slow rollout that is progressing is not cut short', { timeout: 90_000 }, () =>
    withSimulator(async (sim) => {
      // Not ready for a while (readiness failing), then fine: nothing about it is certain, so the wait goes on.
      sim.faults.failProbe('demo', 'web', 'readiness');
      const io = captureIo(sim.kubeconfigPath, {
        onLine: (line) => {
          if (line.includes('Waiting up to')) setTimeout(() => sim.faults.clear(), 8_000);
        },
      });
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '60'], io), 0, io.text());
      assert.match(io.text(), /All 1 workloads are available\./);
    }),
  );

  it('on timeout names pods whose readiness probe fails', () =>
    withSimulator(async (sim) => {
      sim.faults.failProbe('demo', 'web', 'readiness');
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--wait', '--timeout', '4'], io), 1);
      assert.match(io.text(), /pod web-[\w-]+: probe failing: Readiness probe failed/);
    }));
});

const DB_WITH_MISSING_CLASS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: demo
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 1Gi } }
  storageClassName: fast-ssd
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
  namespace: demo
spec:
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: postgres:16
      volumes:
        - name: data
          persistentVolumeClaim: { claimName: data }
`;
