import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { describeYamlError, isYamlError, yamlErrorParts } from '../../../src/util/yamlError';

const SECRET = 'pw-PLANTED-s3cr3t';
const TEXTS = [
  `a:\n  password: ${SECRET}\n bad: x: y\n`,
  `password: "${SECRET}\n`,
  `password: "${SECRET}\\q"\n`,
  `password: |${SECRET}\n  x\n`,
  `password: !${SECRET} x\nb: [\n`,
  `${SECRET}: 1\n${SECRET}: 2\n`,
  `password: {${SECRET}\n`,
];

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return assert.fail('no error');
}

describe('YAML errors without the text around them', () => {
  it('the yaml library: every error (pretty or not) by line, column and words, never the text', () => {
    for (const text of TEXTS) {
      const pretty = thrown(() => parse(text));
      assert.ok(isYamlError(pretty));
      const described = describeYamlError(pretty, text);
      assert.match(described, /^line \d+, column \d+: [a-z]/, text);
      assert.ok(!described.includes(SECRET), described);
      for (const e of parseAllDocuments(text, { prettyErrors: false }).flatMap((d) =>
        'errors' in d ? d.errors : [],
      )) {
        const plain = describeYamlError(e, text);
        assert.match(plain, /^line \d+, column \d+: [a-z]/);
        assert.ok(!plain.includes(SECRET), plain);
      }
    }
  });

  it('js-yaml (client-node reads kubeconfigs with it): its code frame is dropped, its plain reason kept', () => {
    for (const text of TEXTS) {
      const e = thrown(() => load(text));
      assert.ok((e as Error).message.includes(SECRET), 'js-yaml quotes the lines around the error');
      const described = describeYamlError(e);
      assert.match(described, /^line \d+, column \d+: /);
      assert.ok(!described.includes(SECRET), described);
    }
    assert.deepEqual(yamlErrorParts(thrown(() => load('a: 1\n b: 2\n'))), {
      line: 2,
      col: 3,
      description: 'bad indentation of a mapping entry',
    });
  });

  it('anything else is a YAML syntax error, not its message', () => {
    assert.equal(isYamlError(new Error(SECRET)), false);
    assert.equal(describeYamlError(new Error(SECRET)), 'YAML syntax error');
  });
});
