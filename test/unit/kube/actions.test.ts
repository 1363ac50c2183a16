import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorkloadRef } from '../../../src/kube/actions';

describe('parseWorkloadRef reads KIND/NAME as kubectl writes it', () => {
  it('accepts kubectl spellings of the workload kinds', () => {
    for (const text of ['deployment/web', 'deploy/web', 'Deployments/web', 'deployment.apps/web']) {
      assert.deepEqual(
        parseWorkloadRef(text, 'ns'),
        { ok: true, value: { kind: 'Deployment', namespace: 'ns', name: 'web' } },
        text,
      );
    }
    assert.deepEqual(parseWorkloadRef('sts/db', 'ns'), {
      ok: true,
      value: { kind: 'StatefulSet', namespace: 'ns', name: 'db' },
    });
  });

  it('names what is wrong', () => {
    assert.deepEqual(parseWorkloadRef('web', 'ns'), {
      ok: false,
      error: 'expected KIND/NAME (e.g. deployment/node-api), got "web"',
    });
    assert.deepEqual(parseWorkloadRef('pod/web', 'ns'), {
      ok: false,
      error: '"pod" is not one of deployment, statefulset, daemonset',
    });
    assert.deepEqual(parseWorkloadRef('constructor/web', 'ns', ['Deployment']), {
      ok: false,
      error: '"constructor" is not one of deployment',
    });
    assert.deepEqual(parseWorkloadRef('deploy/Web_1', 'ns'), {
      ok: false,
      error: '"Web_1" is not a valid object name',
    });
  });
});
