import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLogQuery, detectLevel, logqlString, scopeSelector, textMatcher } from '../../../src/observe/logql';
import { parseLogQuery } from '../../standins/loki/logql';

const all = { text: '', regex: false, levels: [] } as const;

describe('LogQL building', () => {
  it('selects the scope by the labels Alloy sets', () => {
    assert.equal(scopeSelector({ namespace: 'starter' }), '{namespace="starter"}');
    assert.equal(
      scopeSelector({ namespace: 'starter', workload: 'node-api' }),
      '{namespace="starter", app="node-api"}',
    );
    assert.equal(scopeSelector({ namespace: 's', workload: 'w', pod: 'w-1' }), '{namespace="s", app="w", pod="w-1"}');
  });

  it('escapes quotes and backslashes so user text cannot break out of the literal', () => {
    assert.equal(logqlString('a"b\\c'), '"a\\"b\\\\c"');
    const query = buildLogQuery({ namespace: 'n' }, { text: '"} or {x="', regex: false, levels: [] });
    const parsed = parseLogQuery(query);
    assert.ok(parsed.matches({ namespace: 'n' }));
    assert.ok(parsed.keeps('before "} or {x=" after'));
    assert.ok(!parsed.keeps('plain'));
  });

  it('adds text, regex and level filters in that order', () => {
    assert.equal(
      buildLogQuery({ namespace: 'n' }, { text: 'GET /', regex: false, levels: [] }),
      '{namespace="n"} |= "GET /"',
    );
    assert.equal(
      buildLogQuery({ namespace: 'n' }, { text: 'a.+b', regex: true, levels: [] }),
      '{namespace="n"} |~ "a.+b"',
    );
    const q = buildLogQuery({ namespace: 'n' }, { text: '', regex: false, levels: ['error'] });
    const parsed = parseLogQuery(q);
    assert.ok(parsed.keeps('{"level":"error","msg":"x"}'));
    assert.ok(parsed.keeps('2025 ERROR boom'));
    assert.ok(!parsed.keeps('level=info all good'));
    assert.ok(!parsed.keeps('terrorist')); // word boundary
  });

  it('adds no level filter when every level (or none) is chosen', () => {
    assert.equal(buildLogQuery({ namespace: 'n' }, all), '{namespace="n"}');
    assert.equal(
      buildLogQuery({ namespace: 'n' }, { ...all, levels: ['error', 'warn', 'info', 'debug', 'unknown'] }),
      '{namespace="n"}',
    );
  });

  it('detects levels the way loggers write them', () => {
    assert.equal(detectLevel('{"level":"warn","msg":"slow"}'), 'warn');
    assert.equal(detectLevel('level=error msg=x'), 'error');
    assert.equal(detectLevel('INFO:     127.0.0.1 - "GET / HTTP/1.1" 200'), 'info');
    assert.equal(detectLevel('hello'), 'unknown');
  });

  it('matches text locally for the fallback, and ignores an invalid regex', () => {
    assert.ok(textMatcher({ text: 'a.b', regex: false, levels: [] })!.test('xa.by'));
    assert.ok(!textMatcher({ text: 'a.b', regex: false, levels: [] })!.test('axb'));
    assert.equal(textMatcher({ text: '(', regex: true, levels: [] }), undefined);
  });
});
