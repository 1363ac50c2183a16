import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance } from '../../../src/util/closest';

describe('editDistance', () => {
  it('counts inserts, deletes and replacements', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });

  it('counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('verison', 'version'), 1);
    assert.equal(editDistance('vaule', 'value'), 1);
  });

  it('stops at the limit', () => {
    assert.equal(editDistance('a', 'abcdefgh', 3), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 2);
    assert.equal(editDistance('abc', 'abd', 2), 1);
  });
});

describe('closest (did you mean)', () => {
  const fields = ['replicas', 'resources', 'selector', 'template'];

  it('suggests the name one typo away, a swap included', () => {
    assert.equal(closest('replica', fields), 'replicas');
    assert.equal(closest('slecetor', fields), 'selector');
    assert.equal(closest('tempalte', fields), 'template');
    assert.equal(closest('genrate', ['apply', 'generate', 'lint']), 'generate');
  });

  it('prefers a case slip over any other near name', () => {
    assert.equal(closest('Replicas', fields), 'replicas');
    assert.equal(closest('HTTP', ['https', 'http']), 'http');
  });

  it('suggests nothing when every name is further than a third of what was typed', () => {
    assert.equal(closest('image', fields), undefined);
    assert.equal(closest('rplcs', fields), undefined);
    assert.equal(closest('x', []), undefined);
  });

  it('takes an abbreviation only when asked to (options), and never from one letter', () => {
    const options = ['namespace', 'output', 'include-pvcs'];
    assert.equal(closest('names', options, { prefix: true }), 'namespace');
    assert.equal(closest('names', options), undefined);
    assert.equal(closest('n', options, { prefix: true }), undefined);
    assert.equal(closest('include-pvc', options, { prefix: true }), 'include-pvcs');
  });

  it('of names equally near, suggests the first', () => {
    assert.equal(closest('pot', ['pod', 'port']), 'pod');
  });
});
