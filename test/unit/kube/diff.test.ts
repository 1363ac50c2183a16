import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HIDDEN, HIDDEN_CHANGED, objectDiff, sameContent } from '../../../src/kube/diff';
import type { KubeObject } from '../../../src/kube/objects';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (data: Record<string, string>, rv = '1'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    namespace: 'ns',
    resourceVersion: rv,
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"PASSWORD":"hunter2"}}' },
  },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
});

describe('objectDiff', () => {
  it('is empty when only server-maintained metadata and status differ', () => {
    const live: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', resourceVersion: '1', generation: 1, uid: 'x', creationTimestamp: 't', managedFields: [] },
      data: { k: 'v' },
    };
    const applied: KubeObject = {
      ...live,
      metadata: { name: 'a', resourceVersion: '2', generation: 2, uid: 'x' },
      status: { any: 1 },
    };
    assert.equal(objectDiff(live, applied, 'ConfigMap/a'), '');
    assert.ok(sameContent(live, applied));
  });

  it('is empty for the same content in another key order, and shows a change deep inside', () => {
    const live: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'w', labels: { a: '1', b: '2' } },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'x:1', args: ['--a', '--b'] }] } } },
    };
    const reordered: KubeObject = {
      spec: { template: { spec: { containers: [{ args: ['--a', '--b'], image: 'x:1', name: 'c' }] } } },
      metadata: { labels: { b: '2', a: '1' }, name: 'w' },
      kind: 'Deployment',
      apiVersion: 'apps/v1',
    };
    assert.equal(objectDiff(live, reordered, 'Deployment/w'), '');
    assert.ok(sameContent(live, reordered));
    const swapped: KubeObject = {
      ...live,
      spec: { template: { spec: { containers: [{ name: 'c', image: 'x:1', args: ['--b', '--a'] }] } } },
    };
    assert.match(objectDiff(live, swapped, 'Deployment/w'), /^\+\s+- --a$/m);
    assert.ok(!sameContent(live, swapped), 'list order is content');
    assert.ok(!sameContent(live, { ...live, extra: null }), 'a new field, even null, is content');
  });

  it('shows a changed field as a unified diff', () => {
    const live: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'w' },
      spec: { replicas: 1 },
    };
    const diff = objectDiff(live, { ...live, spec: { replicas: 3 } }, 'Deployment/w');
    assert.match(diff, /^--- live\/Deployment\/w/m);
    assert.match(diff, /^-\s+replicas: 1$/m);
    assert.match(diff, /^\+\s+replicas: 3$/m);
  });

  it('never shows Secret values, only which keys change', () => {
    const diff = objectDiff(
      secret({ PASSWORD: 'hunter2', USER: 'admin' }),
      secret({ PASSWORD: 'correct-horse', USER: 'admin' }, '2'),
      'Secret/ns/db',
    );
    for (const value of ['hunter2', 'correct-horse', 'admin', b64('hunter2'), b64('correct-horse'), b64('admin')])
      assert.ok(!diff.includes(value), `diff leaks ${value}:\n${diff}`);
    assert.match(diff, new RegExp(`^\\+\\s+PASSWORD: ${HIDDEN_CHANGED}$`, 'm'));
    assert.ok(!/^[+-]\s+USER/m.test(diff), 'an unchanged key is not a change');
    assert.ok(diff.includes(HIDDEN));
  });

  it('masks stringData of a new Secret', () => {
    const applied: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      stringData: { PASSWORD: 'hunter2' },
    };
    const diff = objectDiff(undefined, applied, 'Secret/db');
    assert.ok(!diff.includes('hunter2') && !diff.includes(b64('hunter2')), diff);
    assert.match(diff, /PASSWORD: <hidden>/);
  });
});
