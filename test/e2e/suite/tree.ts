// The Cluster view in a real VS Code, on the stack the deploy checks put on the simulator (KUBECONFIG from the
// runner); the extension exports its ClusterTreeModel as `clusterTree`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClusterTreeModel } from '../../../src/editor/tree/clusterTreeModel';
import type { TreeNode } from '../../../src/editor/tree/treeItemSpec';
import { EXTENSION_ID, type HostTest } from './harness';

const render = { t: vscode.l10n.t, now: Date.now() };

async function treeModel(): Promise<ClusterTreeModel> {
  const extension = vscode.extensions.getExtension<{ clusterTree?: () => Promise<ClusterTreeModel> }>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(api.clusterTree, 'the extension API does not export clusterTree');
  return api.clusterTree();
}

async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
    name: 'Cluster view: opening it starts the watches and shows the deployed stack',
    timeoutMs: 60_000,
    async run() {
      // The stack the deploy checks put on the simulator is in e2e-deploy: make it the stack namespace first.
      await vscode.workspace.getConfiguration('starterStack').update('namespace', 'e2e-deploy', vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.view.extension.starterStack');
      const model = await treeModel();
      await eventually(() => model.roots()[0]?.id.startsWith('context:') === true, 20_000, 'the context node');
      const namespace = vscode.workspace.getConfiguration('starterStack').get<string>('namespace', 'starter');
      await eventually(() => find(model, (n) => n.id.startsWith(`Deployment/${namespace}/`)) !== undefined, 30_000, 'a Deployment of the stack');
      const stack = model.findNode(`Namespace/${namespace}`);
      assert.ok(stack, 'the stack namespace is not in the tree');
      assert.equal(model.render(stack, render).contextValue, 'namespace.stack');
      const workload = find(model, (n) => n.id.startsWith(`Deployment/${namespace}/`))!;
      assert.match(model.render(workload, render).contextValue, /^workload\.Deployment\.scalable$/);
      await eventually(() => model.children(workload).length > 0, 30_000, 'pods under the Deployment');
      const pod = model.children(workload)[0]!;
      assert.equal(model.render(pod, render).contextValue, 'pod');
      assert.ok(model.children(pod).length > 0, 'the pod shows no containers');
    },
  },
  {
    name: 'Cluster view: the status bar command and the tree actions are registered',
    async run() {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['starterStack.switchContext', 'starterStack.retryConnection', 'starterStack.showPodLogs', 'starterStack.showLiveYaml', 'starterStack.restartRollout', 'starterStack.scaleWorkload', 'starterStack.deletePod', 'starterStack.portForward', 'starterStack.revealManifest']) {
        assert.ok(commands.includes(id), `${id} is not registered`);
      }
    },
  },
];
