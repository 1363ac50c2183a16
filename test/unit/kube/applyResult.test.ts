import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allApplied, classifyApplied, countByStatus, type ObjectResult } from '../../../src/kube/applyResult';
import type { KubeObject } from '../../../src/kube/objects';

const cm = (rv: string, data: Record<string, string>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'ns', resourceVersion: rv, uid: 'u1', ...extra },
  data,
});

describe('classifyApplied', () => {
  it('201 is created', () => {
    assert.equal(classifyApplied(201, { known: true }, cm('1', {}), false), 'created');
  });
  it('200 for an object that did not exist before is created', () => {
    assert.equal(classifyApplied(200, { known: true }, cm('1', {}), false), 'created');
  });
  it('the same resourceVersion is unchanged', () => {
    assert.equal(
      classifyApplied(200, { known: true, live: cm('7', { a: '1' }) }, cm('7', { a: '1' }), false),
      'unchanged',
    );
  });
  it('a new resourceVersion with new content is configured', () => {
    assert.equal(
      classifyApplied(200, { known: true, live: cm('7', { a: '1' }) }, cm('8', { a: '2' }), false),
      'configured',
    );
  });
  it('a new resourceVersion from a status-only write by a controller is still unchanged', () => {
    const before = { ...cm('7', { a: '1' }), status: { x: 1 } };
    const after = { ...cm('9', { a: '1' }, { managedFields: [{ manager: 'x' }] }), status: { x: 2 } };
    assert.equal(classifyApplied(200, { known: true, live: before }, after, false), 'unchanged');
  });
  it('in a dry run the resourceVersion is not trusted: content decides', () => {
    assert.equal(
      classifyApplied(200, { known: true, live: cm('7', { a: '1' }) }, cm('7', { a: '2' }), true),
      'configured',
    );
    assert.equal(
      classifyApplied(200, { known: true, live: cm('7', { a: '1' }) }, cm('7', { a: '1' }), true),
      'unchanged',
    );
  });
  it('without knowledge of the prior state a 200 is reported as configured', () => {
    assert.equal(classifyApplied(200, { known: false }, cm('1', {}), false), 'configured');
  });
});

describe('summaries', () => {
  const result = (status: ObjectResult['status']): ObjectResult => ({
    ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a' },
    file: 'f',
    line: 1,
    wave: 1,
    status,
  });
  it('counts statuses and says whether everything applied', () => {
    const results = [result('created'), result('unchanged'), result('failed')];
    assert.deepEqual(countByStatus(results), {
      created: 1,
      configured: 0,
      unchanged: 1,
      failed: 1,
      conflict: 0,
      unknown: 0,
      skipped: 0,
    });
    assert.equal(allApplied({ dryRun: false, results }), false);
    assert.equal(allApplied({ dryRun: false, results: results.slice(0, 2) }), true);
    assert.equal(allApplied({ dryRun: false, results: results.slice(0, 2), interrupted: 'x' }), false);
  });
});
