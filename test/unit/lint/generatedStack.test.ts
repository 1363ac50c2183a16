import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { COMPONENT_IDS } from '../../../src/stack/components';
import { renderStack } from '../../support/stack';
import { lint } from './helpers';

/** Findings above info, as readable lines, so a failure shows what the generator got wrong. */
async function problems(input: Parameters<typeof renderStack>[0]): Promise<string[]> {
  const stack = await renderStack(input);
  // On disk as generate writes it: the linter reads secrets.env beside the kustomization for the Secret's keys.
  const dir = mkdtempSync(join(tmpdir(), 'lint-stack-'));
  for (const f of stack.files) writeFileSync(join(dir, f.path), f.content);
  const yaml = stack.files.filter((f) => f.path.endsWith('.yaml'));
  const findings = lint(Object.fromEntries(yaml.map((f) => [pathToFileURL(join(dir, f.path)).href, f.content])));
  return findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.uri}:${f.range.start.line + 1} ${f.rule}: ${f.message}`);
}

// The generator's own output is the linter's first user: it must be clean, including the node agents
// (node-exporter's hostPath/hostNetwork/hostPID), metrics-server's kube-system objects
// and the Secret the kustomization generates from secrets.env, which the Deployments reference.
describe('the generated stack', () => {
  it('lints with zero warnings and errors (defaults)', async () => {
    assert.deepEqual(await problems({}), []);
  });

  it('lints with zero warnings and errors (every component, metrics-server, other namespace)', async () => {
    assert.deepEqual(
      await problems({ components: [...COMPONENT_IDS], metricsServer: true, namespace: 'shop', hpaMin: 1, hpaMax: 9 }),
      [],
    );
  });
});

describe('Secrets made by a kustomization secretGenerator', () => {
  const KUSTOMIZATION =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [app.yaml]\ngeneratorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n  - name: creds\n    namespace: shop\n    envs: [secrets.env]\n';
  const deployment = (key: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n        - name: a\n          image: a:1\n          env:\n            - name: P\n              valueFrom:\n                secretKeyRef:\n                  name: creds\n                  key: ${key}\n`;
  const configRefs = (files: Record<string, string>, dir: string) =>
    lint(
      Object.fromEntries(Object.entries(files).map(([name, text]) => [pathToFileURL(join(dir, name)).href, text])),
    ).filter((f) => f.rule === 'config-ref');

  it('resolve secretKeyRef by name and by the keys of secrets.env (or, on a fresh clone, of secrets.env.example)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-kustomize-'));
    writeFileSync(join(dir, 'secrets.env.example'), 'PASSWORD=\n');
    assert.deepEqual(configRefs({ 'kustomization.yaml': KUSTOMIZATION, 'app.yaml': deployment('PASSWORD') }, dir), []);
    writeFileSync(join(dir, 'secrets.env'), 'PASSWORD=s3cret\n');
    assert.deepEqual(configRefs({ 'kustomization.yaml': KUSTOMIZATION, 'app.yaml': deployment('PASSWORD') }, dir), []);
  });

  it('leave a key unchecked, as information, when the env file is kept out of the repository (no .example either)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-kustomize-'));
    const found = configRefs({ 'kustomization.yaml': KUSTOMIZATION, 'app.yaml': deployment('PASSWORD') }, dir);
    assert.deepEqual(
      found.map((f) => f.severity),
      ['info'],
    );
    assert.match(
      found[0]?.message ?? '',
      /^Key "PASSWORD" of Secret shop\/creds cannot be checked: its secretGenerator reads secrets\.env, which is not in the repository/,
    );
  });

  it('still report a key the env file does not set, pointing at the generator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-kustomize-'));
    writeFileSync(join(dir, 'secrets.env'), 'PASSWORD=s3cret\n');
    const [finding, ...rest] = configRefs(
      { 'kustomization.yaml': KUSTOMIZATION, 'app.yaml': deployment('TOKEN') },
      dir,
    );
    assert.equal(rest.length, 0);
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /Secret shop\/creds has no key "TOKEN" \(keys: PASSWORD\)/);
    assert.doesNotMatch(finding!.message, /s3cret/);
    assert.ok(finding!.related![0]!.uri.endsWith('/kustomization.yaml'));
    assert.equal(finding!.related![0]!.range.start.line, 6, "the generator entry's name");
  });

  it('belong to the application of the kustomization that lists theirs (an overlay over a base)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-kustomize-'));
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'secrets.env'), 'PASSWORD=s3cret\n');
    const overlay = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base]\n';
    const files = {
      'kustomization.yaml': overlay,
      'base/kustomization.yaml': KUSTOMIZATION,
      'base/app.yaml': deployment('PASSWORD'),
    };
    assert.deepEqual(configRefs(files, dir), []);
    const [finding] = configRefs({ ...files, 'base/app.yaml': deployment('TOKEN') }, dir);
    assert.match(finding!.message, /Secret shop\/creds has no key "TOKEN"/);
  });

  it('without the kustomization the Secret is not in the workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-kustomize-'));
    const [finding] = configRefs({ 'app.yaml': deployment('PASSWORD') }, dir);
    assert.match(finding!.message, /Secret "creds" is not in the workspace/);
  });
});
