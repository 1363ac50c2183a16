import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplyReport, ObjectResult } from '../../../src/kube/applyResult';
import { driftLine, reviewGroups } from '../../../src/kube/reviewOrder';

const result = (name: string, status: ObjectResult['status'], message?: string): ObjectResult => ({
  ref: { apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'starter' },
  file: 'a.yaml',
  line: 1,
  wave: 1,
  status,
  ...(message ? { message } : {}),
});
const report = (results: ObjectResult[]): ApplyReport => ({ dryRun: true, results });

describe('the dry-run review puts what matters first', () => {
  it('failures, then conflicts, then changes, then unchanged', () => {
    const g = reviewGroups(
      report([
        result('u1', 'unchanged'),
        result('c1', 'configured'),
        result('f1', 'failed', 'bad'),
        result('x1', 'conflict'),
        result('n1', 'created'),
        result('u2', 'unchanged'),
      ]),
    );
    assert.deepEqual(
      g.failed.map((r) => r.ref.name),
      ['f1'],
    );
    assert.deepEqual(
      g.conflicts.map((r) => r.ref.name),
      ['x1'],
    );
    assert.deepEqual(
      g.changes.map((r) => r.ref.name),
      ['c1', 'n1'],
    );
    assert.deepEqual(
      g.unchanged.map((r) => r.ref.name),
      ['u1', 'u2'],
    );
    assert.equal(g.missingNamespace, undefined);
  });

  it('a missing namespace is said once, not on every row', () => {
    const note = 'not checked by the server: namespace starter does not exist yet';
    const g = reviewGroups(
      report([result('ns', 'created'), result('a', 'created', note), result('b', 'created', note)]),
    );
    assert.equal(g.missingNamespace, 'starter');
    assert.ok(
      g.changes.every((r) => r.message === undefined),
      'rows no longer repeat it',
    );
  });

  it('drift (a field another manager set in the cluster) is its own group, said in one line, not a plain change', () => {
    const drifted: ObjectResult = {
      ...result('web', 'configured'),
      drift: [{ path: 'spec.replicas', manifest: 4, live: 2, manager: 'kubectl' }],
    };
    const g = reviewGroups(report([result('c1', 'configured'), drifted]));
    assert.deepEqual(
      g.drifted.map((r) => r.ref.name),
      ['web'],
    );
    assert.deepEqual(
      g.changes.map((r) => r.ref.name),
      ['c1'],
    );
    assert.equal(driftLine(drifted), 'drift: spec.replicas 4 → 2, set by kubectl');
    assert.equal(driftLine(result('c1', 'configured')), undefined);
  });
});
