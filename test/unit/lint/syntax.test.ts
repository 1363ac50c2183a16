// The syntaxes the API server validates and the linter re-implements: cron schedules (robfig/cron's standard
// parser) and label keys and values (apimachinery's IsQualifiedName and IsValidLabelValue).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronProblem } from '../../../src/lint/cron';
import { keyProblem, validValue, valueProblem } from '../../../src/lint/labels';

describe('cron schedules', () => {
  it('accepts what the API server accepts', () => {
    for (const schedule of [
      '*/30 * * * *',
      '0 0 1 JAN,jul *',
      '0 9-17/2 * * MON-FRI',
      '5/15 0,12 1-31/2 ? *',
      '@hourly',
      '@annually',
      '@every 1h30m',
      'TZ=Europe/Paris 0 3 * * *',
    ])
      assert.equal(cronProblem(schedule), undefined, schedule);
  });

  it('rejects what it rejects, saying why', () => {
    assert.equal(cronProblem('*/30 * * *'), 'expected exactly 5 fields, found 4');
    assert.equal(cronProblem('0 0 * * 7'), 'day of week: end of range (7) above maximum (6)');
    assert.equal(cronProblem('61 * * * *'), 'minute: end of range (61) above maximum (59)');
    assert.equal(cronProblem('0 0 0 * *'), 'day of month: beginning of range (0) below minimum (1)');
    assert.equal(cronProblem('*/0 * * * *'), 'minute: step of range should be a positive number');
    assert.equal(cronProblem('30 4 L * *'), 'day of month: "L" is not a number');
    assert.equal(cronProblem('0 0 * * 5-1'), 'day of week: beginning of range (5) beyond end of range (1)');
    assert.equal(cronProblem('@every'), 'unrecognized descriptor: @every');
    assert.equal(cronProblem(''), 'empty schedule');
  });
});

describe('label syntax', () => {
  it('accepts valid keys and values', () => {
    for (const key of ['app', 'app.kubernetes.io/name', 'example.com/Team_1', 'a'])
      assert.equal(keyProblem(key), undefined, key);
    for (const value of ['', '3.2.0-hotfix.1', 'A_b.c', 'x'.repeat(63)]) assert.equal(valueProblem(value), undefined);
  });

  it('rejects invalid keys, with annotation prefixes compared in lowercase', () => {
    assert.match(keyProblem('Example.com/team') ?? '', /prefix must be a lowercase DNS subdomain/);
    assert.equal(keyProblem('Example.com/team', true), undefined);
    assert.match(keyProblem('a/b/c') ?? '', /more than one "\/"/);
    assert.match(keyProblem('example.com/') ?? '', /name after "\/" is empty/);
    assert.match(keyProblem(`${'n'.repeat(64)}`) ?? '', /64 characters; at most 63/);
  });

  it('rejects invalid values and proposes the nearest valid one', () => {
    assert.match(valueProblem('3.2.0+hotfix.1') ?? '', /"\+" not allowed/);
    assert.equal(validValue('3.2.0+hotfix.1'), '3.2.0-hotfix.1');
    assert.equal(validValue('-batch'), 'batch');
    assert.equal(validValue('team billing'), 'team-billing');
    assert.equal(validValue('x'.repeat(70)), 'x'.repeat(63));
    assert.equal(validValue('+++'), undefined);
  });
});
