import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatValue } from '../../../webview/chartValue';
import { axisWidth, decimalsForStep, formatTicks } from '../../../webview/ticks';

describe('chart axis ticks', () => {
  it('small request rates keep their numbers (the demo\'s "Request rate" axis read "req/s" alone)', () => {
    const labels = formatTicks([0, 0.005, 0.01, 0.015, 0.02], 'reqps');
    assert.deepEqual(labels, ['0.000 req/s', '0.005 req/s', '0.010 req/s', '0.015 req/s', '0.020 req/s']);
    assert.equal(new Set(labels).size, labels.length, 'every tick is distinct');
    assert.ok(axisWidth(labels) >= 11 * 7, 'the axis is wide enough for the whole label');
  });

  it('uses as many decimals as the step needs, and no more', () => {
    assert.equal(decimalsForStep(20), 0);
    assert.equal(decimalsForStep(0.5), 1);
    assert.equal(decimalsForStep(0.25), 2);
    assert.equal(decimalsForStep(0.005), 3);
    assert.deepEqual(formatTicks([0, 50, 100, 150], 'reqps'), ['0 req/s', '50 req/s', '100 req/s', '150 req/s']);
    assert.deepEqual(formatTicks([0, 2.5, 5], 'ms'), ['0.0 ms', '2.5 ms', '5.0 ms']);
  });

  it('percent, seconds and plain numbers', () => {
    assert.deepEqual(formatTicks([0, 0.001, 0.002], 'percentunit'), ['0.0%', '0.1%', '0.2%']);
    assert.deepEqual(formatTicks([0, 0.0005, 0.001], 's'), ['0.0 ms', '0.5 ms', '1.0 ms']);
    assert.deepEqual(formatTicks([0, 1, 2], 's'), ['0 s', '1 s', '2 s']);
    assert.deepEqual(formatTicks([0, 0.2, 0.4], undefined), ['0.0', '0.2', '0.4']);
    assert.deepEqual(formatTicks([0, 1 << 20], 'bytes'), ['0 KiB', '1.0 MiB']);
  });

  it('values in legends and tables keep small rates readable', () => {
    assert.equal(formatValue(0.0042, 'reqps'), '0.0042 req/s');
    assert.equal(formatValue(12.345, 'reqps'), '12.35 req/s');
    assert.equal(formatValue(0, 'reqps'), '0.00 req/s');
    assert.equal(formatValue(32.08, 'ms'), '32.1 ms');
  });
});
