import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { listContexts, resolveClusterTarget } from '../../../src/kube/kubeconfig';
import { currentClusterOf } from '../../../src/kube/kubeconfigData';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
function config(
  name: string,
  contexts: { name: string; namespace?: string; server?: string }[],
  current?: string,
): string {
  const file = join(dir, name);
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${current ?? ''}`, 'clusters:'];
  for (const c of contexts)
    lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${c.server ?? `https://${c.name}.example:6443`}`);
  lines.push('users:', '- name: u', '  user:', '    token: t', 'contexts:');
  for (const c of contexts)
    lines.push(
      `- name: ${c.name}`,
      '  context:',
      `    cluster: ${c.name}`,
      '    user: u',
      ...(c.namespace ? [`    namespace: ${c.namespace}`] : []),
    );
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('kubeconfig', () => {
  it('says where it looked when there is no kubeconfig', async () => {
    const result = await resolveClusterTarget({ env: {}, home: join(dir, 'nohome') });
    assert.deepEqual(result, {
      ok: false,
      error: `no kubeconfig found (looked at ${join(dir, 'nohome', '.kube', 'config')})`,
    });
  });

  it('uses the current context and its namespace, else default', async () => {
    const file = config('one', [{ name: 'a', namespace: 'team' }, { name: 'b' }], 'a');
    const a = await resolveClusterTarget({ file });
    assert.ok(a.ok);
    assert.equal(a.value.contextName, 'a');
    assert.equal(a.value.namespace, 'team');
    assert.equal(a.value.server, 'https://a.example:6443');
    const b = await resolveClusterTarget({ file, context: 'b' });
    assert.ok(b.ok);
    assert.equal(b.value.namespace, 'default');
    const override = await resolveClusterTarget({ file, namespace: 'mine' });
    assert.ok(override.ok && override.value.namespace === 'mine');
  });

  it('names the available contexts when the requested one does not exist', async () => {
    const result = await resolveClusterTarget({
      file: config('two', [{ name: 'a' }, { name: 'b' }], 'a'),
      context: 'c',
    });
    assert.deepEqual(result, { ok: false, error: 'unknown context "c" (available: a, b)' });
  });

  it('merges KUBECONFIG files, the first definition of a name winning', async () => {
    const first = config('first', [{ name: 'a', server: 'https://first:1' }], 'a');
    const second = config('second', [{ name: 'a', server: 'https://second:1' }, { name: 'z' }], 'z');
    const result = await resolveClusterTarget({
      env: { KUBECONFIG: [first, join(dir, 'missing'), second].join(delimiter) },
    });
    assert.ok(result.ok);
    assert.equal(result.value.contextName, 'a');
    assert.equal(result.value.server, 'https://first:1');
    assert.deepEqual(
      listContexts(result.value.kubeConfig).map((c) => [c.name, c.current]),
      [
        ['a', true],
        ['z', false],
      ],
    );
  });

  it('accepts a plain-http server like kubectl does', async () => {
    const result = await resolveClusterTarget({
      file: config('http', [{ name: 'h', server: 'http://127.0.0.1:8080' }], 'h'),
    });
    assert.ok(result.ok);
    assert.equal(currentClusterOf(result.value.kubeConfig)?.skipTLSVerify, true);
  });
});
