import '../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRequest } from '../../../src/editor/commands/command';
import * as fake from '../../support/fakeVscode';

interface GenerateRequest {
  options?: object;
  outDir?: string;
  onConflict?: 'overwrite' | 'skip';
}
const KEYS = ['options', 'outDir', 'onConflict'] as const;

describe('isRequest (a command run by a test, a task or another extension rather than a menu)', () => {
  it('takes an object with any one of the request keys as the non-interactive request', () => {
    assert.equal(isRequest<GenerateRequest>({ outDir: '/ws/k8s' }, [...KEYS]), true);
    assert.equal(isRequest<GenerateRequest>({ onConflict: 'skip', extra: 1 }, [...KEYS]), true);
  });

  it("treats the Uri an explorer menu passes as no request, even where it has a key's name (path)", () => {
    const uri = fake.Uri.file('/ws/k8s');
    assert.ok('path' in uri);
    assert.equal(isRequest<{ path: string }>(uri, ['path']), false);
  });

  it('treats nothing (the palette), a tree node without the keys, or a plain value as no request', () => {
    for (const value of [undefined, null, {}, { label: 'web' }, 'options', 42])
      assert.equal(isRequest<GenerateRequest>(value, [...KEYS]), false, JSON.stringify(value));
  });
});
