// The observability panel opens beside the editor for a workload of the deployed stack.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';

// Panels are recognised by their title ("Observe: <scope>"): code-server reports webview tab inputs differently.
/** The tab model reaches the extension host asynchronously after the panel is created: poll it. */
async function tabsEventually(count: number, ms = 15_000): Promise<vscode.Tab[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPanelTab);
    if (tabs.length === count || Date.now() > deadline) return tabs;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const isPanelTab = (tab: vscode.Tab) => tab.label.startsWith('Observe: ');

export const panelTests: readonly HostTest[] = [
  {
    name: 'Open Observability Panel for a workload opens one webview panel beside the editor, and reuses it',
    timeoutMs: 60_000,
    async run() {
      const scope = { namespace: 'e2e-deploy', workload: 'node-api' };
      await vscode.commands.executeCommand('starterStack.openObservability', scope);
      const opened = await tabsEventually(1);
      assert.equal(opened.length, 1, 'one observability panel tab');
      assert.match(opened[0]!.label, /node-api/, `the tab names the workload: ${opened[0]!.label}`);
      await vscode.commands.executeCommand('starterStack.openObservability', scope);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal((await tabsEventually(1)).length, 1, 'opening the same scope again reuses the panel');
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
