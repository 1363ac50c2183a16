import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPONENT_IDS } from '../../../src/stack/components';
import { renderStack } from '../../support/stack';
import { lint } from './helpers';

/** Findings above info, as readable lines, so a failure shows what the generator got wrong. */
async function problems(input: Parameters<typeof renderStack>[0]): Promise<string[]> {
  const stack = await renderStack(input);
  const findings = lint(Object.fromEntries(stack.files.map((f) => [`file:///k8s/${f.path}`, f.content])));
  return findings.filter((f) => f.severity !== 'info').map((f) => `${f.uri}:${f.range.start.line + 1} ${f.rule}: ${f.message}`);
}

// The generator's own output is the linter's first user: it must be clean, including the node agents
// (node-exporter's hostPath/hostNetwork/hostPID, Alloy's /var/log), metrics-server's kube-system objects
// and the generated Secrets' stringData passwords.
describe('the generated stack', () => {
  it('lints with zero warnings and errors (defaults)', async () => {
    assert.deepEqual(await problems({}), []);
  });

  it('lints with zero warnings and errors (every component, metrics-server, other namespace)', async () => {
    assert.deepEqual(await problems({ components: [...COMPONENT_IDS], metricsServer: true, namespace: 'shop', hpaMin: 1, hpaMax: 9 }), []);
  });
});
