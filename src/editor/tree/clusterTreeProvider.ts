import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import type { ClusterTreeModel } from './clusterTreeModel';
import type { TreeItemSpec, TreeNode } from './treeItemSpec';

const COLLAPSIBLE: Record<TreeItemSpec['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** Turns a node's plain render into a TreeItem: the only place the tree meets the vscode types. */
export function toTreeItem(id: string, spec: TreeItemSpec): vscode.TreeItem {
  const item = new vscode.TreeItem(spec.label, COLLAPSIBLE[spec.collapsible]);
  item.id = id;
  item.description = spec.description;
  item.contextValue = spec.contextValue;
  if (spec.tooltip) item.tooltip = new vscode.MarkdownString(spec.tooltip, true);
  if (spec.icon)
    item.iconPath = new vscode.ThemeIcon(
      spec.icon.id,
      spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined,
    );
  if (spec.command) item.command = { ...spec.command };
  return item;
}

/** The thin TreeDataProvider: the model decides structure and what changed; this adapts it to VS Code. */
export class ClusterTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: ClusterTreeModel) {
    super();
    this._register(model.onDidChangeNodes((nodes) => this.changed.fire(nodes)));
  }

  refreshAll(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node.id, this.model.render(node, { t: vscode.l10n.t, now: Date.now() }));
  }

  /** Called on hover when the item has no tooltip yet: rows built without one (pods, containers) get it here. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip !== undefined) return item;
    const tooltip = this.model.tooltip(node, { t: vscode.l10n.t, now: Date.now() });
    if (tooltip) item.tooltip = new vscode.MarkdownString(tooltip, true);
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.model.children(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }
}
