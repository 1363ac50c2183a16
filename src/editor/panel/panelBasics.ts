// The light part of the panel: what activation needs (view type, title, options) without loading the clients.
import * as vscode from 'vscode';
import type { Scope } from '../../observe/model';

export const OBSERVABILITY_VIEW_TYPE = 'starterStack.observability';

export function scopeTitle(scope: Scope): string {
  return vscode.l10n.t('Observe: {0}', scope.pod ?? scope.workload ?? scope.namespace);
}

/** Webview options: scripts on, and only our bundle (dist/) and styles (media/) loadable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
