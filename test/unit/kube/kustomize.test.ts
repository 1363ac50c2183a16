import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatedSecrets, parseEnvText } from '../../../src/kube/kustomize';

const decode = (data: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );

const kustomization = (
  generator: Record<string, unknown>,
  options: Record<string, unknown> = { disableNameSuffixHash: true },
) => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  generatorOptions: options,
  secretGenerator: [{ name: 'creds', namespace: 'shop', ...generator }],
});

describe('env files as kustomize reads them', () => {
  it('trims leading blanks, skips comments and blank lines, splits at the first =, keeps quotes and trailing blanks, drops CR', () => {
    // The same text through the real `kubectl kustomize` gave exactly these values (checked by hand and in the integration test).
    const parsed = parseEnvText('\uFEFF# comment\n\n  A=abc=d "q" \r\nB="quoted"\nEMPTY\n', 'secrets.env');
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.value.map((p) => [p.key, p.value, p.line]),
      [
        ['A', 'abc=d "q" ', 3],
        ['B', '"quoted"', 4],
        ['EMPTY', '', 5],
      ],
    );
  });

  it('names the file and line of a bad or repeated key, never the value', () => {
    const repeated = parseEnvText('A=hunter2\nA=hunter3\n', 'k8s/secrets.env');
    assert.deepEqual(repeated, { ok: false, error: 'k8s/secrets.env:2: key A is set twice' });
    const bad = parseEnvText('MY KEY=hunter2\n', 'secrets.env');
    assert.ok(!bad.ok);
    assert.match(bad.error, /^secrets\.env:1: not a KEY=value line/);
    assert.doesNotMatch(bad.error, /hunter2/);
  });
});

describe('secretGenerator', () => {
  it('builds the Secret kubectl apply -k sends: base64 data from env files and literals, namespace, labels', () => {
    const files: Record<string, string> = { 'secrets.env': 'PASSWORD=s3cret\n' };
    const made = generatedSecrets(
      kustomization(
        { envs: ['secrets.env'], literals: ['USER="admin"'], options: { labels: { team: 'a' } } },
        { disableNameSuffixHash: true, labels: { app: 'x' } },
      ),
      (path) => files[path],
      'kustomization.yaml',
    );
    assert.ok(made.ok, made.ok ? '' : made.error);
    const [secret] = made.value;
    assert.deepEqual(secret!.metadata, { name: 'creds', namespace: 'shop', labels: { app: 'x', team: 'a' } });
    assert.equal(secret!.type, 'Opaque');
    assert.deepEqual(decode(secret!.data), { PASSWORD: 's3cret', USER: 'admin' });
  });

  it('refuses a generator whose name kustomize would hash, rather than apply it under another name', () => {
    const made = generatedSecrets(
      kustomization({ envs: ['secrets.env'] }, {}),
      () => 'A=1\n',
      'k8s/kustomization.yaml',
    );
    assert.deepEqual(made, {
      ok: false,
      error:
        "k8s/kustomization.yaml: secretGenerator creds: set generatorOptions.disableNameSuffixHash: true (kustomize's name hash is not supported)",
    });
  });

  it('names a missing env file', () => {
    const made = generatedSecrets(kustomization({ envs: ['secrets.env'] }), () => undefined, 'kustomization.yaml');
    assert.deepEqual(made, {
      ok: false,
      error: 'kustomization.yaml: secretGenerator creds: env file secrets.env does not exist',
    });
  });
});
