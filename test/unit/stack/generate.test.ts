import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { generateStack } from '../../../src/stack/generate';
import { CREDENTIALS_SECRET, SECRETS_ENV_FILE } from '../../../src/stack/secrets';
import { renderStack, secretValue, type K8sObject } from '../../support/stack';

/** The generated passwords, from secrets.env. */
const passwords = (stack: Awaited<ReturnType<typeof renderStack>>): string[] => {
  const env = stack.files.find((f) => f.path === SECRETS_ENV_FILE)!.content;
  return env
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => l.slice(l.indexOf('=') + 1));
};

describe('generation', () => {
  it('makes fresh random passwords that differ between runs, one Secret holds them, the Mongo URL expands the same one', async () => {
    const [a, b] = [await renderStack(), await renderStack()];
    const secret = a.find('Secret', CREDENTIALS_SECRET);
    const password = secretValue(secret, 'MONGO_ROOT_PASSWORD');
    assert.ok(password.length >= 32);
    assert.notEqual(password, secretValue(b.find('Secret', CREDENTIALS_SECRET), 'MONGO_ROOT_PASSWORD'));
    assert.deepEqual(Object.keys(secret.data as object).sort(), [
      'GRAFANA_ADMIN_PASSWORD',
      'MONGO_ROOT_PASSWORD',
      'POSTGRES_GO_PASSWORD',
      'POSTGRES_PASSWORD',
    ]);
    const env = a.find('Deployment', 'node-api').spec.template.spec.containers[0].env as K8sObject[];
    const names = env.map((e) => e.name as string);
    assert.equal(env.find((e) => e.name === 'MONGO_PASSWORD')!.valueFrom.secretKeyRef.key, 'MONGO_ROOT_PASSWORD');
    assert.equal(
      env.find((e) => e.name === 'MONGO_URL')!.value,
      'mongodb://root:$(MONGO_PASSWORD)@mongo:27017/users?authSource=admin',
    );
    assert.ok(
      names.indexOf('MONGO_PASSWORD') < names.indexOf('MONGO_URL'),
      'the kubelet expands only variables defined earlier',
    );
  });

  it('writes no password into any file but secrets.env, which is private and ignored by git', async () => {
    const stack = await renderStack({ metricsServer: true });
    const secrets = passwords(stack);
    assert.equal(secrets.length, 4);
    const leaking = stack.files
      .filter((f) => f.path !== SECRETS_ENV_FILE && secrets.some((s) => f.content.includes(s)))
      .map((f) => f.path);
    assert.deepEqual(leaking, []);
    assert.equal(stack.files.find((f) => f.path === SECRETS_ENV_FILE)!.mode, 0o600);
    assert.ok(
      stack.files
        .find((f) => f.path === '.gitignore')!
        .content.split('\n')
        .includes('secrets.env'),
    );
    const example = stack.files.find((f) => f.path === 'secrets.env.example')!.content;
    assert.deepEqual(
      example.split('\n').filter((l) => l && !l.startsWith('#')),
      ['MONGO_ROOT_PASSWORD=', 'POSTGRES_PASSWORD=', 'POSTGRES_GO_PASSWORD=', 'GRAFANA_ADMIN_PASSWORD='],
    );
    assert.equal(stack.all('Secret').length, 1, 'no Secret is written into a component file');
  });

  it('builds the Secret with kustomize secretGenerator, without a name hash, in the chosen namespace', async () => {
    const stack = await renderStack({ namespace: 'shop' });
    const kustomization = parse(stack.files.find((f) => f.path === 'kustomization.yaml')!.content) as K8sObject;
    assert.deepEqual(kustomization.generatorOptions, { disableNameSuffixHash: true });
    assert.deepEqual(
      kustomization.secretGenerator.map((g: K8sObject) => [g.name, g.namespace, g.envs]),
      [[CREDENTIALS_SECRET, 'shop', ['secrets.env']]],
    );
    assert.equal(stack.find('Secret', CREDENTIALS_SECRET).metadata.namespace, 'shop');
  });

  it('a selection without databases or Grafana writes no credentials files', async () => {
    const stack = await renderStack({ components: ['frontend', 'ingress'] });
    assert.deepEqual(
      stack.files.map((f) => f.path),
      ['namespace.yaml', 'frontend.yaml', 'ingress.yaml', 'kustomization.yaml'],
    );
    assert.equal(parse(stack.files.at(-1)!.content).secretGenerator, undefined);
  });

  it('is deterministic apart from the secrets', async () => {
    const [a, b] = [await renderStack(), await renderStack()];
    const mask = (text: string, secrets: string[]) => secrets.reduce((t, s) => t.split(s).join('<secret>'), text);
    for (const [i, file] of a.files.entries()) {
      assert.equal(mask(file.content, passwords(a)), mask(b.files[i]!.content, passwords(b)), file.path);
    }
  });

  it('keeps comments from the templates', async () => {
    const stack = await renderStack();
    assert.ok(
      stack.files.filter((f) => f.component).every((f) => /^\s*#/m.test(f.content.split('\n').slice(1).join('\n'))),
    );
  });

  it('regenerating over its own output changes nothing, passwords included', async () => {
    const first = await generateStack({}, new Map());
    assert.ok(first.ok);
    const existing = new Map(first.value.create.map((f) => [f.path, f.content]));
    const second = await generateStack({}, existing);
    assert.ok(second.ok);
    assert.equal(second.value.create.length, 0);
    assert.equal(second.value.conflicts.length, 0);
    assert.equal(second.value.unchanged.length, first.value.create.length);
  });

  it('plans a user-edited file as a conflict, never as a write', async () => {
    const first = await generateStack({}, new Map());
    assert.ok(first.ok);
    const existing = new Map(first.value.create.map((f) => [f.path, f.content]));
    existing.set('frontend.yaml', `${existing.get('frontend.yaml')!}# my edit\n`);
    existing.delete('go-api.yaml');
    const plan = await generateStack({}, existing);
    assert.ok(plan.ok);
    assert.deepEqual(
      plan.value.conflicts.map((f) => f.path),
      ['frontend.yaml'],
    );
    assert.deepEqual(
      plan.value.create.map((f) => f.path),
      ['go-api.yaml'],
    );
  });

  it('keeps the passwords of secrets.env, and those of an older generation that wrote Secrets into component files', async () => {
    const first = await generateStack({}, new Map());
    assert.ok(first.ok);
    const env = first.value.create.find((f) => f.path === SECRETS_ENV_FILE)!.content;
    const edited = env.replace(/^GRAFANA_ADMIN_PASSWORD=.*$/m, 'GRAFANA_ADMIN_PASSWORD=mine');
    const kept = await generateStack({}, new Map([[SECRETS_ENV_FILE, edited]]));
    assert.ok(kept.ok);
    assert.equal(
      kept.value.create.find((f) => f.path === SECRETS_ENV_FILE),
      undefined,
    );
    assert.deepEqual(
      kept.value.unchanged.map((f) => f.path),
      [SECRETS_ENV_FILE],
    );
    const legacy =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: mongo-credentials\nstringData:\n  MONGO_INITDB_ROOT_USERNAME: root\n  MONGO_INITDB_ROOT_PASSWORD: old-mongo-pw\n';
    const migrated = await generateStack({}, new Map([['mongo.yaml', legacy]]));
    assert.ok(migrated.ok);
    assert.match(
      [...migrated.value.create].find((f) => f.path === SECRETS_ENV_FILE)!.content,
      /^MONGO_ROOT_PASSWORD=old-mongo-pw$/m,
    );
  });

  it('on a fresh clone (generated before, no secrets.env) makes new passwords and says a database keeps its old one', async () => {
    const first = await generateStack({}, new Map());
    assert.ok(first.ok);
    assert.deepEqual(first.value.warnings, [], 'a first generation warns about nothing');
    const clone = new Map(
      first.value.create.filter((f) => f.path !== SECRETS_ENV_FILE).map((f) => [f.path, f.content]),
    );
    const again = await generateStack({}, clone);
    assert.ok(again.ok);
    assert.deepEqual(
      again.value.create.map((f) => f.path),
      [SECRETS_ENV_FILE],
    );
    assert.equal(again.value.warnings.length, 1);
    assert.match(
      again.value.warnings[0]!,
      /secrets\.env was missing.*A database that already holds data keeps its old password/,
    );
  });

  it('bad options produce an error and no files', async () => {
    const plan = await generateStack({ namespace: 'NO' }, new Map());
    assert.equal(plan.ok, false);
  });
});
