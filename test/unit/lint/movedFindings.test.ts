// A finding moved with its document (lines deleted above it) must equal what a fresh engine reports, field for
// field: the property test found moved findings carrying extra `undefined` fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineWith, lint } from './helpers';

const TEXT = `# header
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: demo
data: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  - broken
`;

describe('findings moved by an edit above them', () => {
  it('equal a fresh run after the first line is deleted', () => {
    const uri = 'file:///k8s/moved.yaml';
    const engine = engineWith({ [uri]: TEXT });
    const before = [...engine.lintAll().values()].flat();
    assert.ok(
      before.some((f) => f.rule === 'yaml-syntax'),
      'the second document has a syntax error',
    );
    const edited = TEXT.split('\n').slice(1).join('\n');
    for (const affected of engine.setFile(uri, edited)) engine.lintFile(affected);
    assert.deepEqual([...engine.lintAll().values()].flat(), lint({ [uri]: edited }));
  });
});
