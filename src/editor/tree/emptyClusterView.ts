import type * as vscode from 'vscode';

/**
 * The "Cluster" view before the live cluster tree exists: it has no items, so VS Code shows the
 * view's welcome content (package.json `viewsWelcome`), which offers Generate Manifests.
 */
export class EmptyClusterView implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}
