// The observability panel opens beside the editor for a workload of the deployed stack.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';

// Panels are recognised by their title ("Observe: <scope>"): code-server reports webview tab inputs differently.
const isPanelTab = (tab: vscode.Tab) => tab.label.startsWith('Observe: ');

export const panelTests: readonly HostTest[] = [
  {
    name: 'Open Observability Panel for a workload opens one webview panel beside the editor, and reuses it',
    timeoutMs: 60_000,
    async run() {
      const scope = { namespace: 'e2e-deploy', workload: 'node-api' };
      await vscode.commands.executeCommand('starterStack.openObservability', scope);
      const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPanelTab);
      assert.equal(tabs().length, 1, 'one observability panel tab');
      assert.match(tabs()[0]!.label, /node-api/, `the tab names the workload: ${tabs()[0]!.label}`);
      await vscode.commands.executeCommand('starterStack.openObservability', scope);
      assert.equal(tabs().length, 1, 'opening the same scope again reuses the panel');
    },
  },
  {
    name: 'Open Observability Panel refuses a scope that is not a Kubernetes name, naming it',
    async run() {
      await vscode.commands.executeCommand('starterStack.openObservability', { namespace: 'Not A Namespace' });
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPanelTab);
      assert.ok(!tabs.some((t) => /Not A Namespace/.test(t.label)), 'no panel for an invalid namespace');
    },
  },
];
