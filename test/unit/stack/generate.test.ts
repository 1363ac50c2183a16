import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateStack } from '../../../src/stack/generate';
import { SECRET_PLACEHOLDER } from '../../../src/stack/secrets';
import { renderStack } from '../../support/stack';

const secretValues = (stack: Awaited<ReturnType<typeof renderStack>>) =>
  stack.all('Secret').flatMap((s) => Object.values(s.stringData as Record<string, string>));

describe('generation', () => {
  it('fills every Secret with fresh random passwords that differ between runs', async () => {
    const [a, b] = [await renderStack(), await renderStack()];
    assert.ok(!secretValues(a).some((v) => v.includes(SECRET_PLACEHOLDER)));
    const password = a.find('Secret', 'mongo-credentials').stringData.MONGO_INITDB_ROOT_PASSWORD as string;
    assert.ok(password.length >= 32);
    assert.notEqual(password, b.find('Secret', 'mongo-credentials').stringData.MONGO_INITDB_ROOT_PASSWORD);
    assert.ok(a.find('Secret', 'node-api-secrets').stringData.MONGO_URL.includes(`:${password}@mongo:27017`), 'the Mongo URL carries the same password');
  });

  it('is deterministic apart from the secrets', async () => {
    const [a, b] = [await renderStack(), await renderStack()];
    const mask = (text: string, secrets: string[]) => secrets.reduce((t, s) => t.split(s).join('<secret>'), text);
    for (const [i, file] of a.files.entries()) {
      assert.equal(mask(file.content, secretValues(a)), mask(b.files[i]!.content, secretValues(b)), file.path);
    }
  });

  it('keeps comments from the templates', async () => {
    const stack = await renderStack();
    assert.ok(stack.files.filter((f) => f.component).every((f) => /^\s*#/m.test(f.content.split('\n').slice(1).join('\n'))));
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
    assert.deepEqual(plan.value.conflicts.map((f) => f.path), ['frontend.yaml']);
    assert.deepEqual(plan.value.create.map((f) => f.path), ['go-api.yaml']);
  });

  it('bad options produce an error and no files', async () => {
    const plan = await generateStack({ namespace: 'NO' }, new Map());
    assert.equal(plan.ok, false);
  });
});
