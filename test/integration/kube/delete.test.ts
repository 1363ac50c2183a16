import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyCommand } from '../../../src/cli/apply';
import { deleteCommand } from '../../../src/cli/delete';
import { captureIo, defaultStackFolder, STACK_TEMPLATES, withSimulator , type Loose } from './harness';

const stackObjects = (sim: { objects(): Loose[] }, kind: string): Loose[] =>
  sim.objects().filter((o) => o.kind === kind && o.metadata?.labels?.['app.kubernetes.io/part-of'] === 'starter-stack');

describe('starter-stack delete', { skip: !existsSync(STACK_TEMPLATES) && 'templates/manifests not there yet' }, () => {
  it('deletes the stack but keeps its PVCs unless asked, and its cluster-scoped RBAC too', () =>
    withSimulator(async (sim) => {
      const applied = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([defaultStackFolder()], applied), 0, applied.text());
      assert.ok(stackObjects(sim, 'ClusterRole').length > 0, 'the stack has ClusterRoles');
      assert.ok(stackObjects(sim, 'PersistentVolumeClaim').length > 0, 'the stack has PVCs');

      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter'], io), 0, io.text());
      assert.match(io.text(), /deleted +Deployment starter\/node-api/);
      assert.match(io.text(), /deleted +ClusterRole /);
      assert.match(io.text(), /PersistentVolumeClaims \(database data\) were kept/);
      for (const kind of ['Deployment', 'Service', 'ConfigMap', 'Secret', 'ClusterRole', 'ClusterRoleBinding', 'Ingress', 'HorizontalPodAutoscaler']) {
        assert.deepEqual(stackObjects(sim, kind).filter((o) => !o.metadata?.deletionTimestamp).map((o) => o.metadata.name), [], kind);
      }
      assert.ok(stackObjects(sim, 'PersistentVolumeClaim').length > 0);

      const withPvcs = captureIo(sim.kubeconfigPath);
      assert.equal(await deleteCommand(['--namespace', 'starter', '--include-pvcs', '--output', 'json'], withPvcs), 0, withPvcs.text());
      const report = JSON.parse(withPvcs.lines.join('\n'));
      assert.ok(report.results.some((r: Loose) => r.ref.kind === 'PersistentVolumeClaim' && r.status === 'deleted'));
    }));

  it('bad arguments exit 2', async () => {
    const io = captureIo('/nonexistent');
    assert.equal(await deleteCommand(['--everything'], io), 2);
    assert.match(io.errors[0] ?? '', /unknown option --everything/);
  });
});
