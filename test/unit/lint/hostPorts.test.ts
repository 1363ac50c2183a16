import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintOne } from './helpers';

const daemonSet = (spec: string, ports: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: { matchLabels: { app: agent } }\n  template:\n    metadata: { labels: { app: agent } }\n    spec:\n${spec}      containers:\n        - name: agent\n          image: example/agent:1.0.0\n          ports:\n${ports}`;

const privilegedFindings = (text: string) =>
  lintOne(text)
    .filter((f) => f.rule === 'privileged')
    .map((f) => `${f.range.start.line}:${f.severity}:${f.message}`);

describe('privileged: host ports', () => {
  it('reports each hostPort on its own line as an error, also on a DaemonSet without host volumes', () => {
    const text = daemonSet(
      '',
      '            - { containerPort: 8080, hostPort: 80 }\n            - containerPort: 9090\n',
    );
    assert.deepEqual(privilegedFindings(text), [
      `13:error:Container "agent" opens port 80 on the node (hostPort); the "baseline" level allows none.`,
    ]);
  });

  it('says nothing more under hostNetwork, where every port is on the node already and hostNetwork is reported', () => {
    const text = daemonSet('      hostNetwork: true\n', '            - { containerPort: 9100, hostPort: 9100 }\n');
    const findings = privilegedFindings(text);
    assert.equal(findings.length, 1);
    assert.match(findings[0] ?? '', /hostNetwork: true shares the node's namespace/);
  });
});
