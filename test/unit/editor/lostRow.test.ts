import '../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { refuseLostRow, rowWasLost } from '../../../src/editor/tree/lostRow';
import * as fake from '../../support/fakeVscode';

const warned: string[] = [];
const log = { warn: (line: string) => warned.push(line) } as unknown as vscode.LogOutputChannel;

afterEach(() => {
  fake.shown.length = 0;
  warned.length = 0;
});

describe('a Cluster view row action whose row VS Code lost while redrawing it', () => {
  it('is an explicit undefined argument to a row action', () => {
    assert.equal(rowWasLost('starterStack.scaleWorkload', [undefined]), true);
    assert.equal(rowWasLost('starterStack.deleteStack', [undefined]), true);
  });

  it('is not a palette or keybinding run (no argument), a row (a node) or a command that takes no row', () => {
    assert.equal(rowWasLost('starterStack.scaleWorkload', []), false);
    assert.equal(rowWasLost('starterStack.scaleWorkload', [{ id: 'Deployment/starter/web' }]), false);
    assert.equal(rowWasLost('starterStack.switchContext', [undefined]), false);
    assert.equal(rowWasLost('starterStack.retryConnection', [undefined]), false);
  });

  it('is refused with a message and a log line; anything else goes ahead silently', () => {
    const refuse = refuseLostRow(log);
    assert.equal(refuse('starterStack.verifyRollingUpdate', [undefined]), true);
    assert.equal(fake.shown.length, 1);
    assert.match(fake.shown[0]!, /redrawing that row .* Nothing was done: choose it again/);
    assert.match(warned[0]!, /^starterStack\.verifyRollingUpdate: VS Code passed no row/);
    assert.equal(refuse('starterStack.verifyRollingUpdate', []), false);
    assert.equal(fake.shown.length, 1, 'a palette run is not refused');
  });
});
