// The observability panel opens beside the editor for a workload of the deployed stack.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startLokiStandin } from '../../standins/loki/index';
import type { HostTest } from './harness';
import { until } from '../../support/until';

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
      const options = await vscode.commands.executeCommand<vscode.WebviewPanelOptions | undefined>(
        'starterStack.openObservability',
        scope,
      );
      assert.equal(
        options?.retainContextWhenHidden,
        true,
        'the panel keeps its buffer and Follow when its tab is hidden',
      );
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
  {
    // The Loki stand-in (a test double) runs here, in the extension host; the panel's webview runs in the workbench.
    name: 'The panel reads Loki from the settings (URL and tenant) for its scope, keeps one live tail while open, and closes it with the panel',
    timeoutMs: 60_000,
    async run({ workspaceFolder }) {
      const tenant = 'e2e-tenant';
      const loki = await startLokiStandin({ requireTenant: true });
      const config = () => vscode.workspace.getConfiguration('starterStack', workspaceFolder);
      try {
        loki.push(
          { namespace: 'e2e-deploy', app: 'fastapi', pod: 'fastapi-1', container: 'fastapi' },
          ['from the Loki stand-in'],
          tenant,
        );
        await config().update('lokiUrl', loki.url, vscode.ConfigurationTarget.Workspace);
        await config().update('lokiTenant', tenant, vscode.ConfigurationTarget.Workspace);
        await vscode.commands.executeCommand('starterStack.openObservability', {
          namespace: 'e2e-deploy',
          workload: 'fastapi',
        });
        // The tail opens only after the webview loaded and said "ready", and after the history query.
        await until(() => loki.tails() === 1, 'a live tail from the panel', 30_000);
        const queries = loki.requests.filter(
          (r) => r.path === '/loki/api/v1/query_range' || r.path === '/loki/api/v1/tail',
        );
        assert.deepEqual(
          queries.map((r) => r.path),
          ['/loki/api/v1/query_range', '/loki/api/v1/tail'],
          'history first, then the tail',
        );
        assert.ok(
          queries.every((r) => r.query === '{namespace="e2e-deploy", app="fastapi"}'),
          `the scope's LogQL: ${queries.map((r) => r.query).join(' | ')}`,
        );
        assert.ok(
          loki.requests.every((r) => r.tenant === tenant),
          'every request carried the tenant from starterStack.lokiTenant',
        );
        const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Observe: fastapi');
        assert.ok(tab, 'the panel has a tab named after the workload');
        await vscode.window.tabGroups.close(tab);
        await until(() => loki.tails() === 0, 'the tail closed with the panel', 30_000);
      } finally {
        await config().update('lokiUrl', undefined, vscode.ConfigurationTarget.Workspace);
        await config().update('lokiTenant', undefined, vscode.ConfigurationTarget.Workspace);
        await loki.close();
      }
    },
  },
];
