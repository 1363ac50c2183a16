import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeCacheDir } from '../../../src/cli/codeCache';

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
