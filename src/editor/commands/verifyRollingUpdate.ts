import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { verifyRollingUpdate } from '../../kube/verifyRollout';
import { replicatedWorkload, sessionAndTarget, showFailure } from '../tree/commandTargets';
import { withCancellableProgress } from '../progress';
import type { Command } from './command';

const TIMEOUT_MS = 10 * 60_000;

/** Restarts a rollout and watches the Service's endpoints throughout: did the workload ever have no ready endpoint? */
export class VerifyRollingUpdateCommand implements Command {
  readonly id = 'starterStack.verifyRollingUpdate';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, replicatedWorkload);
    if (!chosen) return;
    const { session, target } = chosen;
    const title = vscode.l10n.t('Verifying the rolling update of {0}', target.name);
    const answer = await withCancellableProgress(title, (progress, signal) => {
      const onSample = (ready: number, ms: number): void =>
        progress.report({ message: vscode.l10n.t('{0} ready endpoints at {1} s', ready, (ms / 1000).toFixed(1)) });
      return verifyRollingUpdate(
        session.client,
        { ...target, kind: target.kind },
        { timeoutMs: TIMEOUT_MS, signal, onSample },
      );
    });
    if (!answer.ok) return showFailure(answer.error);
    const v = answer.value;
    const figures = vscode.l10n.t(
      'fewest ready endpoints {0} of {1}; rollout took {2} s',
      v.min_ready,
      v.desired,
      (v.duration_ms / 1000).toFixed(1),
    );
    if (!v.completed)
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0}: the rollout did not finish ({1}).', target.name, figures),
      );
    else if (v.zero_ready_ms > 0)
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} had no ready endpoint for {1} s during the rollout ({2}).',
          target.name,
          (v.zero_ready_ms / 1000).toFixed(1),
          figures,
        ),
      );
    else
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} kept serving throughout: never without a ready endpoint; {1}.', target.name, figures),
      );
  }
}
