import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeCacheDir, isPrivateFolder } from '../../../src/cli/codeCache';

describe('the code cache folder', () => {
  it('is STARTER_STACK_CODE_CACHE when set, and none when that says off', () => {
    assert.equal(codeCacheDir({ STARTER_STACK_CODE_CACHE: '/tmp/cc' }, '/home/u'), '/tmp/cc');
    assert.equal(codeCacheDir({ STARTER_STACK_CODE_CACHE: 'off' }, '/home/u'), undefined);
  });

  it("is the platform's cache folder otherwise", { skip: process.platform !== 'linux' }, () => {
    assert.equal(codeCacheDir({}, '/home/u'), join('/home/u', '.cache', 'starter-stack', 'v8'));
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u'), join('/xdg', 'starter-stack', 'v8'));
  });
});

describe('a code cache folder others can write to', () => {
  it('is not trusted, while a private or not yet made one is', { skip: process.platform === 'win32' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
    try {
      chmodSync(dir, 0o700);
      assert.equal(isPrivateFolder(dir), true);
      assert.equal(isPrivateFolder(join(dir, 'not-yet')), true);
      chmodSync(dir, 0o777);
      assert.equal(isPrivateFolder(dir), false, 'a world-writable folder could hold planted code');
      chmodSync(dir, 0o770);
      assert.equal(isPrivateFolder(dir), false, 'a group-writable folder too');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
