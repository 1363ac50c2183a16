import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { verifyRollingUpdate, type RolloutVerification } from '../../kube/verifyRollout';
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
      // What the user watches: the ready endpoints now and where the rollout is, both as they change.
      let endpoints = '';
      let rollout = '';
      const show = (): void => progress.report({ message: [endpoints, rollout].filter(Boolean).join(' · ') });
      return verifyRollingUpdate(
        session.client,
        { ...target, kind: target.kind },
        {
          timeoutMs: TIMEOUT_MS,
          signal,
          onSample: (ready, ms) => {
            endpoints = vscode.l10n.t('{0} ready endpoints at {1} s', ready, (ms / 1000).toFixed(1));
            show();
          },
          onRollout: (message) => {
            rollout = message;
            show();
          },
        },
      );
    });
    if (!answer.ok) return showFailure(answer.error);
    showOutcome(target.name, answer.value);
  }
}

/** One message for how the verification ended, with the figures it measured. */
function showOutcome(name: string, v: RolloutVerification): void {
  const seconds = (v.duration_ms / 1000).toFixed(1);
  const fewest = vscode.l10n.t('fewest ready endpoints {0} of {1}', v.min_ready, v.desired);
  const downtime =
    v.zero_ready_ms > 0
      ? vscode.l10n.t('; no ready endpoint for {0} s', (v.zero_ready_ms / 1000).toFixed(1))
      : vscode.l10n.t('; never without a ready endpoint');
  switch (v.outcome) {
    case 'cancelled':
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Stopped verifying {0} after {1} s; its rollout goes on in the cluster ({2} so far{3}).',
          name,
          seconds,
          fewest,
          downtime,
        ),
      );
      return;
    case 'failed':
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          '{0}: the rollout failed after {1} s: {2} ({3}{4}).',
          name,
          seconds,
          v.problem ?? vscode.l10n.t('it cannot finish by waiting'),
          fewest,
          downtime,
        ),
      );
      return;
    case 'timeout':
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0}: the rollout did not finish within {1} min ({2}{3}).',
          name,
          TIMEOUT_MS / 60_000,
          fewest,
          downtime,
        ),
      );
      return;
    case 'completed':
      break;
  }
  const figures = vscode.l10n.t('{0}; rollout took {1} s', fewest, seconds);
  if (v.zero_ready_ms > 0)
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} had no ready endpoint for {1} s during the rollout ({2}).',
        name,
        (v.zero_ready_ms / 1000).toFixed(1),
        figures,
      ),
    );
  else
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} kept serving throughout: never without a ready endpoint; {1}.', name, figures),
    );
}
