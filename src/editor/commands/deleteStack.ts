import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { sessionAndTarget } from '../tree/commandTargets';
import { NamespaceNode } from '../tree/nodes/namespaceNode';
import { readSettings } from '../settings';
import { withCancellableProgress } from '../progress';
import type { Command } from './command';

/** The namespace node's namespace, else the stack's (settings). */
const stackNamespace = (_session: unknown, node: unknown): Promise<string> =>
  Promise.resolve(node instanceof NamespaceNode ? node.data.name : readSettings().namespace);

/**
 * Deletes the stack in one namespace: its objects there and its own cluster-wide RBAC, never another stack's.
 * Lists what it would delete and asks in a modal (counts by kind); PersistentVolumeClaims only on the second button.
 */
export class DeleteStackCommand implements Command {
  readonly id = 'starterStack.deleteStack';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, stackNamespace);
    if (!chosen) return;
    const { session, target: namespace } = chosen;
    const { planDelete, planTargets, executeDelete } = await import('../../kube/delete');
    const planned = await planDelete(session.client, { namespace, includePvcs: true });
    // An unreachable cluster or refused credentials are said first, never "nothing to delete".
    if (!planned.ok)
      return void vscode.window.showErrorMessage(vscode.l10n.t('Starter Stack: {0}; nothing deleted.', planned.error));
    const all = planned.value;
    if (planTargets(all).length === 0)
      return void vscode.window.showInformationMessage(
        vscode.l10n.t('Nothing of the stack to delete in namespace {0}.', namespace),
      );
    const { deleteConfirmation, withoutPvcs } = await import('../deleteConfirmation');
    const question = deleteConfirmation(all, (message, ...args) => vscode.l10n.t(message, ...args));
    const answer = await vscode.window.showWarningMessage(
      question.message,
      { modal: true, detail: question.detail },
      ...question.buttons.map((b) => b.title),
    );
    const choice = question.buttons.find((b) => b.title === answer)?.choice;
    if (!choice) return;
    const plan = choice === 'all' ? all : withoutPvcs(all);
    const report = await withCancellableProgress(vscode.l10n.t('Deleting the stack in {0}…', namespace), (_p, signal) =>
      executeDelete(session.client, plan, { signal }),
    );
    const deleted = report.results.filter((r) => r.status === 'deleted' || r.status === 'not-found').length;
    const notDeleted = report.results.length - deleted;
    if (notDeleted === 0 && report.listFailures.length === 0)
      return void vscode.window.showInformationMessage(
        vscode.l10n.t('Deleted {0} object(s) of the stack in {1}.', deleted, namespace),
      );
    const why = [
      report.interrupted,
      ...report.listFailures,
      ...report.results.flatMap((r) => (r.message ? [r.message] : [])),
    ]
      .filter(Boolean)
      .slice(0, 3)
      .join('; ');
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Deleted {0} object(s), {1} not deleted: {2}', deleted, notDeleted, why),
    );
  }
}
