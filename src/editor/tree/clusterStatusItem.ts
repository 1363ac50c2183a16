import * as vscode from 'vscode';
import { statusSummary } from './statusSummary';

/**
 * The status bar item of the cluster connection, shown from activation. Until the features load it says there is
 * no connection yet; a click (switch context) loads them. StatusBar updates it once they have.
 */
export function createClusterStatusItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('starterStack.status', vscode.StatusBarAlignment.Left, 50);
  const idle = statusSummary({ state: 'idle' }, vscode.l10n.t);
  item.name = vscode.l10n.t('Starter Stack: cluster');
  item.command = 'starterStack.switchContext';
  item.text = idle.text;
  item.tooltip = new vscode.MarkdownString(idle.tooltip, true);
  item.show();
  return item;
}
