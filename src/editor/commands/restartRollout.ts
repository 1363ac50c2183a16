import * as vscode from 'vscode';
import { restartRollout } from '../../kube/actions';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { sessionAndTarget, showFailure, workloadOf } from '../tree/commandTargets';
import type { Command } from './command';

/** `kubectl rollout restart`: a new pod-template annotation makes the controller replace every pod. */
export class RestartRolloutCommand implements Command {
  readonly id = 'starterStack.restartRollout';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, workloadOf);
    if (!chosen) return;
    const { session, target } = chosen;
    const answer = await restartRollout(session.client, target);
    if (!answer.ok) return showFailure(answer.error);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Restarting {0} {1}…', target.kind, target.name), 5000);
  }
}
