import * as vscode from 'vscode';
import { deletePod } from '../../kube/actions';
import type { LiveSession } from '../../kube/cache/connect';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { ReplacementTimer } from '../../kube/replacement';
import { podOf, sessionAndTarget, showFailure } from '../tree/commandTargets';
import type { Command } from './command';

/** Deletes a pod after a modal confirmation; its controller (if any) starts a replacement. */
export class DeletePodCommand implements Command {
  readonly id = 'starterStack.deletePod';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, podOf);
    if (!chosen) return;
    const { session, target: pod } = chosen;
    const remove = vscode.l10n.t('Delete');
    const detail = vscode.l10n.t('If a Deployment, StatefulSet or DaemonSet owns it, a replacement starts.');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete pod {0}/{1}?', pod.namespace, pod.name),
      { modal: true, detail },
      remove,
    );
    if (choice !== remove) return;
    const live = session.cache.get('Pod', pod.namespace, pod.name);
    const timer = live ? new ReplacementTimer(live, session.cache.list('Pod', pod.namespace), Date.now()) : undefined;
    const answer = await deletePod(session.client, pod);
    if (!answer.ok) return showFailure(answer.error);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted pod {0}', pod.name), 5000);
    if (timer?.replaceable) reportReplacement(session, pod.namespace, pod.name, timer);
  }
}

// A replacement that is not ready in this long is a rollout problem the tree already shows; stop timing it.
const GIVE_UP_MS = 5 * 60_000;

/** Times the replacement on the watch cache's pod events and says how long it took ("replacement ready in 4.2 s"). */
function reportReplacement(session: LiveSession, namespace: string, deleted: string, timer: ReplacementTimer): void {
  const stop = (): void => {
    clearTimeout(giveUp);
    listener.dispose();
  };
  const listener = session.cache.onDidChange(() => {
    const found = timer.check(session.cache.list('Pod', namespace), Date.now());
    if (!found) return;
    stop();
    const seconds = (found.ms / 1000).toFixed(1);
    vscode.window.setStatusBarMessage(
      vscode.l10n.t('$(pass) {0}: replacement ready in {1} s', deleted, seconds),
      15_000,
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Pod {0} was replaced by {1}: replacement ready in {2} s.', deleted, found.pod, seconds),
    );
  });
  const giveUp = setTimeout(stop, GIVE_UP_MS);
}
