import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disposeAll, toDisposable } from '../../../src/util/disposable';
import { onceSucceeded } from '../../../src/util/lazy';

describe('disposeAll', () => {
  it('disposes every item even when some throw, then reports all the errors together', () => {
    const disposed: string[] = [];
    const items = ['a', 'b', 'c', 'd'].map((name) =>
      toDisposable(() => {
        disposed.push(name);
        if (name === 'b' || name === 'c') throw new Error(`${name} failed`);
      }),
    );
    assert.throws(
      () => disposeAll(items),
      (e: unknown) =>
        e instanceof AggregateError && e.errors.map((x: Error) => x.message).join() === 'b failed,c failed',
    );
    assert.deepEqual(disposed, ['a', 'b', 'c', 'd']);
  });

  it('rethrows a single error as it is', () => {
    const boom = new Error('boom');
    assert.throws(
      () =>
        disposeAll([
          toDisposable(() => {
            throw boom;
          }),
          toDisposable(() => undefined),
        ]),
      (e) => e === boom,
    );
  });
});

describe('onceSucceeded', () => {
  it('loads once for concurrent and later callers', async () => {
    let loads = 0;
    const get = onceSucceeded(() => Promise.resolve(++loads));
    assert.equal(get.peek(), undefined);
    assert.deepEqual(await Promise.all([get(), get()]), [1, 1]);
    assert.equal(await get(), 1);
    assert.equal(await get.peek(), 1);
  });

  it('forgets a failed load, so the next use tries again', async () => {
    let loads = 0;
    const get = onceSucceeded(() =>
      ++loads === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve('loaded'),
    );
    await assert.rejects(get(), /chunk missing/);
    assert.equal(get.peek(), undefined);
    assert.equal(await get(), 'loaded');
    assert.equal(loads, 2);
  });
});
