// The linter on realistic repositories (test/fixtures/lint-corpus, one folder per pattern), through the CLI
// as a user runs it: `starter-stack lint <folder> --format json`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/io';
import { lintCommand } from '../../../src/cli/lint';
import type { FindingRecord } from '../../../src/lint';

const CORPUS = join(__dirname, '../../fixtures/lint-corpus');

async function lintFolder(folder: string): Promise<{ records: FindingRecord[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: CORPUS, env: {} };
  await lintCommand([folder, '--format', 'json'], io);
  return { records: JSON.parse(out.join('\n')) as FindingRecord[], err };
}

const show = (records: readonly FindingRecord[]) =>
  records.map((r) => `${r.file}:${r.line} ${r.severity} ${r.rule}: ${r.message}`);
const at = (records: readonly FindingRecord[], rule: string, severity?: string) =>
  records.filter((r) => r.rule === rule && (!severity || r.severity === severity));

describe('lint on the corpus of real-repository patterns', () => {
  it("skips a Helm chart's templates, values.yaml and Chart.yaml, and still checks its crds/", async () => {
    const { records } = await lintFolder('helm-chart');
    assert.deepEqual(
      records.filter((r) => !r.file.startsWith('helm-chart/crds/')),
      [],
    );
    assert.deepEqual(
      records.filter((r) => r.severity !== 'info'),
      [],
      show(records).join('\n'),
    );
  });

  it('treats kustomize patches as partial objects and an overlay as one application with its base', async () => {
    const { records } = await lintFolder('kustomize');
    assert.deepEqual(show(records.filter((r) => r.severity !== 'info')), []);
    assert.deepEqual(
      records.filter((r) => r.file.endsWith('api-resources.yaml') || r.file.endsWith('drop-debug.yaml')),
      [],
      'nothing on the patches, a `$patch: delete` directive included',
    );
    assert.deepEqual(
      records.filter((r) => r.file.endsWith('kustomization.yaml')),
      [],
      'no "No schema" on a kustomization',
    );
  });

  it('keeps independent apps apart: no collisions, and a reference found only in another app is info naming its file', async () => {
    const { records } = await lintFolder('independent-apps');
    const targetPorts = at(records, 'service-target-port');
    assert.deepEqual(show(targetPorts), [
      'independent-apps/wiki/frontend.yaml:27 error service-target-port: targetPort "http-server" of port 80 is not a container port of Deployment frontend (named ports: http).',
    ]);
    const hint = at(records, 'config-ref');
    assert.equal(hint.length, 1, show(records).join('\n'));
    assert.equal(hint[0]?.severity, 'info');
    assert.match(hint[0]?.message ?? '', /independent-apps\/shop\/frontend\.yaml:\d+/);
    assert.equal(hint[0]?.related?.[0]?.file, 'independent-apps/shop/frontend.yaml');
    const keys = records.map((r) => `${r.file}:${r.line}:${r.column}:${r.rule}:${r.message}`);
    assert.equal(new Set(keys).size, keys.length, 'no finding twice');
  });

  it('knows ReplicationControllers in YAML and JSON: their pods are checked and Services find them', async () => {
    const { records } = await lintFolder('replication-controllers');
    assert.deepEqual(at(records, 'unknown-kind'), []);
    assert.deepEqual(at(records, 'service-selector'), []);
    assert.ok(
      at(records, 'probe-missing').some((r) => r.file.endsWith('frontend.json')),
      show(records).join('\n'),
    );
    assert.ok(at(records, 'run-as-non-root').some((r) => r.file.endsWith('redis-master.yaml')));
  });

  it('reports undeclared numeric ports as info and a mistyped port name as an error with a hint', async () => {
    const { records } = await lintFolder('undeclared-ports');
    assert.deepEqual(
      at(records, 'probe-port').map((r) => [r.line, r.severity]),
      [
        [18, 'info'],
        [20, 'error'],
      ],
    );
    assert.match(at(records, 'probe-port', 'error')[0]?.message ?? '', /Did you mean "http"\?/);
    assert.match(at(records, 'probe-port', 'info')[0]?.message ?? '', /fine if the process listens on it/);
    assert.deepEqual(
      at(records, 'service-target-port').map((r) => r.severity),
      ['info'],
    );
  });

  it('checks a document with a duplicate key as far as it parsed', async () => {
    const { records } = await lintFolder('duplicate-key');
    for (const rule of ['yaml-syntax', 'probe-missing', 'resources-missing', 'image-tag'])
      assert.ok(at(records, rule).length > 0, `${rule}: ${show(records).join('\n')}`);
  });

  it('finds the Pod Security gaps of a workload without securityContext', async () => {
    const { records } = await lintFolder('no-security-context');
    for (const rule of ['run-as-non-root', 'allow-privilege-escalation', 'drop-capabilities'])
      assert.equal(at(records, rule, 'warning').length, 1, rule);
    for (const rule of ['read-only-root-filesystem', 'automount-service-account-token'])
      assert.equal(at(records, rule, 'info').length, 1, rule);
  });

  it('flags floating tags: distro tags and no tag as warnings, a major-only tag as info, a digest not at all', async () => {
    const { records } = await lintFolder('floating-tags');
    assert.deepEqual(
      at(records, 'image-tag').map((r) => [r.line, r.severity]),
      [
        [14, 'warning'],
        [16, 'info'],
        [18, 'warning'],
      ],
    );
  });

  it('checks the items of a kind: List as objects', async () => {
    const { records } = await lintFolder('list');
    assert.deepEqual(
      at(records, 'service-target-port').map((r) => [r.line, r.severity]),
      [[11, 'error']],
    );
    assert.ok(at(records, 'probe-missing').some((r) => r.line === 24));
    assert.deepEqual(at(records, 'unknown-kind'), []);
  });
});
