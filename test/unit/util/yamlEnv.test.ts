import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { parseChunk } from '../../../src/lint/parse';
import { withPlainYamlEnv } from '../../../src/util/yamlEnv';

describe('withPlainYamlEnv', () => {
  it('gives the real environment back after a parse, and after one that throws', () => {
    const env = process.env;
    process.env.STARTER_STACK_PROBE = 'kept';
    try {
      withPlainYamlEnv(() => parseDocument('a: 1'));
      assert.throws(() =>
        withPlainYamlEnv(() => {
          throw new Error('parser failed');
        }),
      );
      assert.equal(process.env, env);
      assert.equal(process.env.STARTER_STACK_PROBE, 'kept');
    } finally {
      delete process.env.STARTER_STACK_PROBE;
    }
  });

  it("keeps the yaml library's own debug variables visible to it, and nothing else", () => {
    process.env.LOG_STREAM = '';
    try {
      const seen = withPlainYamlEnv(() => ({ ...process.env }));
      assert.deepEqual(seen, { LOG_STREAM: '' });
    } finally {
      delete process.env.LOG_STREAM;
    }
  });

  it('parses exactly as the library does on its own', () => {
    const text = 'kind: Pod\nmetadata: {name: a}\nspec:\n  x: yes\n  x: 0777\n  y: [1, 2\n';
    const direct = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
    const parsed = parseChunk(text);
    assert.deepEqual(parsed.doc.toJS(), direct.toJS());
    assert.deepEqual(
      parsed.doc.errors.map((e) => [e.code, e.pos]),
      direct.errors.map((e) => [e.code, e.pos]),
    );
  });
});
