import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { Disposable } from '../../util/disposable';
import { readSettings } from '../settings';
import { ClusterTreeModel } from './clusterTreeModel';
import { ClusterTreeProvider } from './clusterTreeProvider';
import type { TreeNode } from './treeItemSpec';

export const CLUSTER_VIEW_ID = 'starterStack.cluster';

/** The Cluster view. Watches start when the view is first visible, not at activation. */
export class ClusterTree extends Disposable {
  readonly model: ClusterTreeModel;
  readonly view: vscode.TreeView<TreeNode>;

  constructor(private readonly live: LiveCluster) {
    super();
    this.model = this._register(new ClusterTreeModel(live, () => readSettings().namespace));
    const provider = this._register(new ClusterTreeProvider(this.model));
    this.view = this._register(vscode.window.createTreeView(CLUSTER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
    if (this.view.visible) this.startWatching();
    else this._register(this.view.onDidChangeVisibility((e) => e.visible && this.startWatching()));
    // A different stack namespace changes which namespace comes first and opens by itself.
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('starterStack.namespace') && provider.refreshAll()));
  }

  private startWatching(): void {
    if (this.live.state.state === 'idle') void this.live.connect();
  }
}
