import '../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { withCancellableProgress } from '../../../src/editor/progress';
import * as fake from '../../support/fakeVscode';

afterEach(() => (fake.progressNotifications.length = 0));

/** Work that runs until its signal aborts, the way a long command's requests and polls do. */
function untilAborted(steps: string[]) {
  return async (_progress: unknown, signal: AbortSignal): Promise<string> => {
    steps.push('started');
    const giveUp = Date.now() + 2_000; // a cancellation that never arrives fails the test rather than hanging it
    while (!signal.aborted && Date.now() < giveUp) await sleep(5);
    steps.push(signal.aborted ? 'stopped' : 'never cancelled');
    return signal.aborted ? 'Load test on web stopped.' : 'Load test on web succeeded.';
  };
}

describe('withCancellableProgress (the notification every long editor command runs in)', () => {
  it('shows a notification with the title and a Cancel button', async () => {
    await withCancellableProgress('Deleting the stack in shop…', () => Promise.resolve());
    assert.deepEqual(fake.progressNotifications[0]?.options, {
      location: fake.ProgressLocation.Notification,
      title: 'Deleting the stack in shop…',
      cancellable: true,
    });
  });

  it('pressing Cancel aborts the signal the work was given, so the work stops and its answer is returned', async () => {
    const steps: string[] = [];
    const running = withCancellableProgress('Load test on web', untilAborted(steps));
    await sleep(30);
    assert.deepEqual(steps, ['started'], 'the work runs until the user cancels');
    fake.progressNotifications[0]!.cancel();
    assert.equal(await running, 'Load test on web stopped.');
    assert.deepEqual(steps, ['started', 'stopped']);
  });

  it("passes the work's progress reports to the notification and returns its result when nobody cancels", async () => {
    const result = await withCancellableProgress('Verifying', (progress, signal) => {
      progress.report({ message: '3 ready endpoints at 1.0 s' });
      return Promise.resolve(signal.aborted ? 'aborted' : 'done');
    });
    assert.equal(result, 'done');
    assert.deepEqual(fake.progressNotifications[0]?.reports, [{ message: '3 ready endpoints at 1.0 s' }]);
  });

  it("rejects with the work's own error, so the command can report it", async () => {
    await assert.rejects(
      async () => withCancellableProgress('Deploying', () => Promise.reject(new Error('connection refused'))),
      /connection refused/,
    );
  });
});
