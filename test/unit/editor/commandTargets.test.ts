import '../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { LiveSession } from '../../../src/kube/cache/connect';
import type { LiveCluster } from '../../../src/kube/cache/liveCluster';
import { sessionAndTarget } from '../../../src/editor/tree/commandTargets';
import * as fake from '../../support/fakeVscode';

const session = { name: 'the session' } as unknown as LiveSession;
const connected = { session } as unknown as LiveCluster;
const disconnected = { session: undefined } as unknown as LiveCluster;

afterEach(() => (fake.shown.length = 0));

describe('sessionAndTarget (how a tree command finds its session and target)', () => {
  it('without a session, tells the user to connect and never asks for a target', async () => {
    let asked = false;
    const chosen = await sessionAndTarget(disconnected, 'node', () => ((asked = true), Promise.resolve('web')));
    assert.equal(chosen, undefined);
    assert.equal(asked, false);
    assert.deepEqual(fake.shown, ['Not connected to a cluster. Open the Cluster view or switch context first.']);
  });

  it('gives the session and what the pick chose from the node', async () => {
    const chosen = await sessionAndTarget(connected, 'node-web', (s, node) =>
      Promise.resolve(`${String(node)} via ${s === session}`),
    );
    assert.deepEqual(chosen, { session, target: 'node-web via true' });
    assert.deepEqual(fake.shown, []);
  });

  it('gives nothing when the user backs out of the pick, without a further message', async () => {
    const chosen = await sessionAndTarget(connected, undefined, () => Promise.resolve(undefined));
    assert.equal(chosen, undefined);
    assert.deepEqual(fake.shown, []);
  });

  it('keeps a target that is an empty string (a namespace setting), rather than treating it as backing out', async () => {
    const chosen = await sessionAndTarget(connected, undefined, () => Promise.resolve(''));
    assert.deepEqual(chosen, { session, target: '' });
  });
});
