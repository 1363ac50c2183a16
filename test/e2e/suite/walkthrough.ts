// The first-run walkthrough opens from the command the Cluster view's welcome content links to.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until } from '../../support/until';
import { EXTENSION_ID, type HostTest } from './harness';

const WALKTHROUGH = `${EXTENSION_ID}#starterStack.firstRun`;

/** Undefined (not yet), after logging the open tabs' labels: what the test saw, if it times out. */
function tabLabels(): undefined {
  console.log(`open tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`);
  return undefined;
}

export const walkthroughTests: readonly HostTest[] = [
  {
    name: 'The first-run walkthrough opens on the Welcome page',
    async run() {
      const walkthroughs = (
        vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { walkthroughs: { id: string }[] } }
      ).contributes.walkthroughs;
      assert.deepEqual(
        walkthroughs.map((w) => w.id),
        ['starterStack.firstRun'],
      );
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
      await until(
        () =>
          vscode.window.tabGroups.all.some((g) =>
            g.tabs.some((t) => /welcome|walkthrough|first run on a local cluster/i.test(t.label)),
          ) || tabLabels(),
        'the Welcome tab showing the walkthrough',
        20_000,
      );
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    },
  },
];
