import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageEdits } from '../../../src/kube/manifestImages';

const manifest = `apiVersion: v1
kind: Service
metadata: {name: web}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  template:
    spec:
      containers:
        - name: web
          image: "ghcr.io/me/web:1.2.0" # pinned
        - name: sidecar
          image: busybox:1.36
`;

describe('imageEdits: a manifest brought back in line with a rolled-back Deployment', () => {
  it('replaces only the image values that differ, at their exact ranges', () => {
    const edits = imageEdits(
      manifest,
      { kind: 'Deployment', name: 'web', namespace: 'demo' },
      new Map([
        ['web', 'ghcr.io/me/web:1.1.0'],
        ['sidecar', 'busybox:1.36'],
      ]),
    );
    assert.deepEqual(edits, [
      {
        container: 'web',
        from: 'ghcr.io/me/web:1.2.0',
        to: 'ghcr.io/me/web:1.1.0',
        newText: '"ghcr.io/me/web:1.1.0"',
        range: { start: { line: 14, character: 17 }, end: { line: 14, character: 39 } },
      },
    ]);
    const line = manifest.split('\n')[14]!;
    assert.equal(line.slice(17, 39), '"ghcr.io/me/web:1.2.0"');
  });

  it('answers nothing for another workload, another namespace, or a manifest that already matches', () => {
    const images = new Map([['web', 'ghcr.io/me/web:1.1.0']]);
    assert.deepEqual(imageEdits(manifest, { kind: 'Deployment', name: 'api', namespace: 'demo' }, images), []);
    assert.deepEqual(imageEdits(manifest, { kind: 'Deployment', name: 'web', namespace: 'prod' }, images), []);
    assert.deepEqual(
      imageEdits(manifest, { kind: 'Deployment', name: 'web' }, new Map([['web', 'ghcr.io/me/web:1.2.0']])),
      [],
    );
  });
});
