// The Cluster view in a real VS Code, on the stack the deploy checks put on the simulator (KUBECONFIG from the
// runner); the extension exports its ClusterTreeModel as `clusterTree`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { EXTENSION_ID, type HostTest } from './harness';
import { until } from '../../support/until';

const render = { t: vscode.l10n.t, now: Date.now() };

async function treeModel(): Promise<ClusterTreeModel> {
  const extension = vscode.extensions.getExtension<{ clusterTree?: () => Promise<ClusterTreeModel> }>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(api.clusterTree, 'the extension API does not export clusterTree');
  return api.clusterTree();
}

/** The tree and its node-api Deployment node (the stack the deploy checks put in the stack namespace). */
async function nodeApiWorkload(): Promise<{ model: ClusterTreeModel; workload: TreeNode }> {
  const model = await treeModel();
  const namespace = vscode.workspace.getConfiguration('starterStack').get<string>('namespace', 'starter');
  const workload = find(model, (n) => n.id === `Deployment/${namespace}/node-api`);
  assert.ok(workload, 'the node-api Deployment is not in the tree');
  return { model, workload };
}

const panelTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.startsWith('Observe: '));

const isPod = (node: TreeNode): boolean => node.id.startsWith('Pod/');

function find(model: ClusterTreeModel, predicate: (node: TreeNode) => boolean, node?: TreeNode): TreeNode | undefined {
  for (const child of model.children(node)) {
    if (predicate(child)) return child;
    const found = find(model, predicate, child);
    if (found) return found;
  }
  return undefined;
}

export const treeTests: readonly HostTest[] = [
  {
    // What VS Code does on reload for a live-YAML editor left open: it resolves the URI before the Cluster view
    // or any command has loaded the cluster features. Nothing before this check loads them.
    name: 'A live-YAML document resolves before the Cluster view has loaded (an editor restored on reload)',
    timeoutMs: 30_000,
    async run() {
      const uri = vscode.Uri.from({ scheme: 'starter-stack-live', path: '/e2e-deploy/Deployment/node-api.yaml' });
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      assert.match(text, /^kind: Deployment$/m, `the document is the live Deployment, got: ${text.slice(0, 200)}`);
      assert.match(text, /^ {2}name: node-api$/m);
    },
  },
  {
    name: 'Cluster view: opening it starts the watches and shows the deployed stack',
    timeoutMs: 60_000,
    async run() {
      // The stack the deploy checks put on the simulator is in e2e-deploy: make it the stack namespace first.
      await vscode.workspace
        .getConfiguration('starterStack')
        .update('namespace', 'e2e-deploy', vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.view.extension.starterStack');
      const model = await treeModel();
      await until(() => model.roots()[0]?.id.startsWith('context:') === true, 'the context node', 20_000);
      const namespace = vscode.workspace.getConfiguration('starterStack').get<string>('namespace', 'starter');
      await until(
        () => find(model, (n) => n.id.startsWith(`Deployment/${namespace}/`)) !== undefined,
        'a Deployment of the stack',
        30_000,
      );
      const stack = model.findNode(`Namespace/${namespace}`);
      assert.ok(stack, 'the stack namespace is not in the tree');
      assert.equal(model.render(stack, render).contextValue, 'namespace.stack');
      const workload = find(model, (n) => n.id.startsWith(`Deployment/${namespace}/`))!;
      assert.match(model.render(workload, render).contextValue, /^workload\.Deployment\.scalable$/);
      await until(() => model.children(workload).some(isPod), 'pods under the Deployment', 30_000);
      const pod = model.children(workload).find(isPod)!;
      assert.equal(model.render(pod, render).contextValue, 'pod');
      assert.ok(model.children(pod).length > 0, 'the pod shows no containers');
    },
  },
  {
    name: 'Cluster view: Show Logs on a pod and on a workload opens the observability panel for it',
    timeoutMs: 60_000,
    async run() {
      const { model, workload } = await nodeApiWorkload();
      await until(() => model.children(workload).some(isPod), 'pods under node-api', 30_000);
      const pod = model.children(workload).find(isPod)!;
      const podName = model.render(pod, render).label;
      try {
        await vscode.commands.executeCommand('starterStack.showPodLogs', pod);
        await until(
          () => panelTabs().some((t) => t.label === `Observe: ${podName}`),
          `a panel tab for the pod ${podName}`,
          15_000,
        );
        await vscode.commands.executeCommand('starterStack.showPodLogs', workload);
        await until(
          () => panelTabs().some((t) => t.label === 'Observe: node-api'),
          'a panel tab for the node-api workload',
          15_000,
        );
      } finally {
        await vscode.window.tabGroups.close(panelTabs());
      }
    },
  },
  {
    name: 'Cluster view: Show Live YAML opens the object as it is in the cluster, read-only',
    timeoutMs: 30_000,
    async run() {
      const { workload } = await nodeApiWorkload();
      await vscode.commands.executeCommand('starterStack.showLiveYaml', workload);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'no editor opened');
      const text = editor.document.getText();
      assert.match(text, /^kind: Deployment$/m, 'the document is the Deployment');
      assert.match(text, /^ {2}name: node-api$/m, 'the document is node-api');
      assert.match(text, /^status:$/m, 'the live object carries its status');
      assert.doesNotMatch(text, /managedFields/, 'managedFields are left out');
      assert.equal(editor.document.languageId, 'yaml');
      assert.notEqual(editor.document.uri.scheme, 'file', 'a read-only virtual document, not a file');
      assert.equal(
        vscode.window.tabGroups.activeTabGroup.activeTab?.label,
        'node-api (live).yaml',
        'the tab is not named like the workspace file',
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  },
  {
    name: 'Cluster view: node-api shows its autoscaler, its Service with ready endpoints, the route to it and its Events',
    timeoutMs: 60_000,
    async run() {
      const { model, workload } = await nodeApiWorkload();
      const rows = (): { id: string; label: string; description: string }[] =>
        model.children(workload).map((n) => {
          const spec = model.render(n, render);
          return { id: n.id, label: spec.label, description: spec.description ?? '' };
        });
      const service = () => rows().find((r) => r.id.endsWith('/Service/e2e-deploy/node-api'));
      await until(
        () => /[1-9]\d*\/\d+ endpoints ready/.test(service()?.description ?? ''),
        `node-api's Service with ready endpoints, got: ${JSON.stringify(rows())}`,
        30_000,
      );
      const all = rows();
      assert.ok(
        all.some((r) => r.id.includes('/HorizontalPodAutoscaler/') && /\d+\/\d+/.test(r.description)),
        `an autoscaler row with current/desired: ${JSON.stringify(all)}`,
      );
      assert.ok(
        all.some((r) => r.id.includes('/Ingress/') && r.label.includes('node-api')),
        `a route to node-api's Service: ${JSON.stringify(all)}`,
      );
      assert.ok(
        all.some((r) => r.id === `${workload.id}/events` && r.label === 'Events'),
        `an Events node: ${JSON.stringify(all)}`,
      );
      assert.ok(
        all.some((r) => r.id.startsWith('Pod/')),
        'its pods, still',
      );
    },
  },
  {
    name: "Cluster view: Show Events on a pod opens its Events as a table; Open in Panel opens the workload's panel",
    timeoutMs: 60_000,
    async run() {
      const { model, workload } = await nodeApiWorkload();
      const pod = model.children(workload).find(isPod);
      assert.ok(pod, 'a node-api pod');
      const podName = model.render(pod, render).label;
      await vscode.commands.executeCommand('starterStack.showEvents', pod);
      await until(
        () =>
          vscode.window.activeTextEditor?.document.getText().includes(`Events of Pod e2e-deploy/${podName}`) === true,
        'the Events document of the pod',
        15_000,
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      try {
        await vscode.commands.executeCommand('starterStack.openInPanel', workload);
        await until(() => panelTabs().some((t) => t.label === 'Observe: node-api'), 'a panel tab for node-api', 15_000);
      } finally {
        await vscode.window.tabGroups.close(panelTabs());
      }
    },
  },
];
