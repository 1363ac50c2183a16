import * as vscode from 'vscode';
import { deletePod } from '../../kube/actions';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { pickPod, podRefOf, requireSession, showFailure } from '../tree/commandTargets';
import type { Command } from './command';

/** Deletes a pod after a modal confirmation; its controller (if any) starts a replacement. */
export class DeletePodCommand implements Command {
  readonly id = 'starterStack.deletePod';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const session = requireSession(this.live);
    if (!session) return;
    const pod = podRefOf(node) ?? (await pickPod(session));
    if (!pod) return;
    const remove = vscode.l10n.t('Delete');
    const detail = vscode.l10n.t('If a Deployment, StatefulSet or DaemonSet owns it, a replacement starts.');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete pod {0}/{1}?', pod.namespace, pod.name), { modal: true, detail }, remove);
    if (choice !== remove) return;
    const answer = await deletePod(session.client, pod);
    if (!answer.ok) return showFailure(answer.error);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted pod {0}', pod.name), 5000);
  }
}
