import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import { onceSucceeded } from '../../util/lazy';
import { CLUSTER_COMMAND_IDS } from '../commandIds';
import { registerLazyCommands } from '../commands/lazyCommands';
import type { ReferenceLookup } from '../../kube/cache/references';
import type { ClusterFeatures } from './clusterFeatures';
import type { ClusterTreeModel } from './clusterTreeModel';
import { createClusterStatusItem } from './clusterStatusItem';
import { registerLiveYamlScheme } from './liveYamlScheme';
import { refuseLostRow } from './lostRow';
import type { TreeNode } from './treeItemSpec';

export const CLUSTER_VIEW_ID = 'starterStack.cluster';

/** What the shell hands to the features when they load: the view, status bar item and tree change event it owns. */
export interface ClusterViewHost {
  readonly view: vscode.TreeView<TreeNode>;
  readonly statusItem: vscode.StatusBarItem;
  /** Tells VS Code which nodes changed (undefined: everything). */
  fireChanged(nodes: TreeNode[] | undefined): void;
}

/**
 * What activation registers for the live-cluster features: the Cluster view (with a provider that loads the
 * real one on first use), the status bar item, the live-YAML scheme and the commands, each from its own module. The features' code — tree model, watch
 * cache, actions — loads when the view first asks for children or a command first runs, not at activation.
 */
export class ClusterViewShell extends Disposable implements ClusterViewHost {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode[] | undefined>());
  readonly view: vscode.TreeView<TreeNode>;
  readonly statusItem = this._register(createClusterStatusItem());
  private features: ClusterFeatures | undefined;
  private readonly referencesChanged = this._register(new vscode.EventEmitter<void>());
  /** Fires when what the connected cluster says about referenced objects may have changed (the linter listens). */
  readonly onDidChangeReferences = this.referencesChanged.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.view = this._register(
      vscode.window.createTreeView<TreeNode>(CLUSTER_VIEW_ID, {
        showCollapseAll: true,
        treeDataProvider: {
          onDidChangeTreeData: this.changed.event,
          // Nodes only exist once the features have loaded (getChildren loaded them).
          getTreeItem: (node) => this.loaded().provider.getTreeItem(node),
          resolveTreeItem: (item, node) => this.loaded().provider.resolveTreeItem(item, node),
          getChildren: async (node) => (await this.load()).provider.getChildren(node),
          getParent: (node) => node.parent,
        },
      }),
    );
    this._register(
      registerLazyCommands(CLUSTER_COMMAND_IDS, async () => (await this.load()).commands, refuseLostRow(log)),
    );
    this._register(registerLiveYamlScheme(async () => (await this.load()).liveYaml));
  }

  fireChanged(nodes: TreeNode[] | undefined): void {
    this.changed.fire(nodes);
  }

  /** What the connected cluster has, for the linter; undefined until the view has connected. */
  references(): ReferenceLookup | undefined {
    return this.features?.references.lookup();
  }

  /** The Cluster view's model, loading the features if they have not loaded yet (for tests). */
  async model(): Promise<ClusterTreeModel> {
    return (await this.load()).tree;
  }

  private readonly load = onceSucceeded(() =>
    import('./clusterFeatures').then(({ ClusterFeatures }) => {
      const features = (this.features = this._register(new ClusterFeatures(this, this.log)));
      this._register(features.references.onDidChange(() => this.referencesChanged.fire()));
      this.referencesChanged.fire();
      return features;
    }),
  );

  private loaded(): ClusterFeatures {
    if (!this.features) throw new Error('the Cluster view asked for an item before its features loaded');
    return this.features;
  }
}
