import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { stopLoadTests } from '../../kube/load';
import { sessionAndTarget, showFailure } from '../tree/commandTargets';
import type { Command } from './command';
import { runningLoadTestTarget, stoppedMessage } from './loadTestTarget';

/** Deletes a load test's Job (its k6 pod goes with it) and ConfigMap; the HPA then scales down after its window. */
export class StopLoadTestCommand implements Command {
  readonly id = 'starterStack.stopLoadTest';

  constructor(
    private readonly live: LiveCluster,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, runningLoadTestTarget);
    if (!chosen) return;
    const { session, target } = chosen;
    const stopped = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Stopping the load test on {0}', target.name),
      },
      () => stopLoadTests(session.client, target.namespace, target.name),
    );
    if (!stopped.ok) return showFailure(stopped.error);
    if (stopped.value.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No load test against {0} is running.', target.name));
      return;
    }
    this.log.info(`Load test against ${target.name} in ${target.namespace} stopped`);
    void vscode.window.showInformationMessage(stoppedMessage(target.name));
  }
}
