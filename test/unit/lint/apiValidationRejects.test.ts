import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintOne } from './helpers';

// What the API server's validation rejects beyond the schema, family by family, each with manifests it rejects and
// manifests it accepts (often after defaulting): exactly the expected api-validation messages, on the lines that carry
// `# here`. The passing cases are the ones a careless rule would get wrong.
const daemonSet = (strategy: string, apiVersion = 'apps/v1') =>
  `apiVersion: ${apiVersion}\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n${strategy}  selector: { matchLabels: { app: ds } }\n  template:\n    metadata: { labels: { app: ds } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n`;
const deployment = (strategy: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n${strategy}  selector: { matchLabels: { app: d } }\n  template:\n    metadata: { labels: { app: d } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n`;
type Cases = Record<string, [manifest: string, messages: string[]]>;

const WORKLOADS: Cases = {
  'DaemonSet maxUnavailable 0 with maxSurge 0': [
    daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0 # here\n      maxSurge: 0\n'),
    ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
  ],
  'DaemonSet maxUnavailable 0% with maxSurge unset (it defaults to 0)': [
    daemonSet('  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0% # here\n'),
    ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
  ],
  'DaemonSet maxSurge beside the default maxUnavailable of 1': [
    daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1 # here\n'),
    [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero (it defaults to 1)',
    ],
  ],
  'DaemonSet maxSurge beside a non-zero maxUnavailable': [
    daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 10%\n      maxSurge: 25% # here\n'),
    [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "25%": may not be set when maxUnavailable is non-zero',
    ],
  ],
  'DaemonSets that surge or take down one node at a time, OnDelete, and the removed extensions/v1beta1': [
    [
      daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n'),
      daemonSet('  updateStrategy:\n    rollingUpdate: { maxUnavailable: "0%", maxSurge: "10%" }\n'),
      daemonSet('  updateStrategy:\n    type: RollingUpdate\n'),
      daemonSet(''),
      daemonSet('  updateStrategy:\n    type: OnDelete\n    rollingUpdate: { maxUnavailable: 0, maxSurge: 0 }\n'),
      daemonSet('  updateStrategy:\n    rollingUpdate: { maxSurge: 1 }\n', 'extensions/v1beta1'),
    ].join('---\n'),
    [],
  ],
  'Deployment maxUnavailable 0% with maxSurge 0%': [
    deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: 0% # here\n      maxSurge: "0%"\n'),
    ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
  ],
  'Deployments with one bound 0 (the other defaults to 25%), and an unknown strategy type (the schema reports it)': [
    [
      deployment('  strategy:\n    rollingUpdate: { maxUnavailable: 0 }\n'),
      deployment('  strategy:\n    rollingUpdate: { maxSurge: 0%, maxUnavailable: 1 }\n'),
      deployment('  strategy:\n    type: Rolling\n    rollingUpdate: { maxSurge: 0, maxUnavailable: 0 }\n'),
    ].join('---\n'),
    [],
  ],
};

function checkCases(cases: Cases): void {
  for (const [family, [manifest, messages]] of Object.entries(cases)) {
    it(`${messages.length > 0 ? 'reports' : 'accepts'} ${family}`, () => {
      const found = lintOne(manifest).filter((f) => f.rule === 'api-validation');
      assert.deepEqual(found.map((f) => f.message).sort(), [...messages].sort());
      const lines = manifest.split('\n').flatMap((l, i) => (l.includes('# here') ? [i] : []));
      assert.deepEqual(
        [...new Set(found.map((f) => f.range.start.line))].sort((a, b) => a - b),
        lines,
      );
      assert.ok(found.every((f) => f.severity === 'error'));
    });
  }
}

describe('api-validation: what the API server rejects beyond the schema', () => {
  describe('workload rolling updates', () => checkCases(WORKLOADS));

  it('points a DaemonSet maxSurge at the maxUnavailable beside it', () => {
    const text = daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 1\n      maxSurge: 1\n');
    const found = lintOne(text).filter((f) => f.rule === 'api-validation');
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.related?.map((r) => [r.range.start.line, r.message])]),
      [[8, [[7, 'spec.updateStrategy.rollingUpdate.maxUnavailable']]]],
    );
  });
});
