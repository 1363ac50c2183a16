import * as vscode from 'vscode';
import { MAX_REPLICAS, scaleWorkload } from '../../kube/actions';
import { num, rec } from '../../kube/cache/fields';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { replicatedWorkload, sessionAndTarget, showFailure } from '../tree/commandTargets';
import type { Command } from './command';
import { scaleDespiteAutoscaler } from './hpaBounds';

/** Sets a Deployment's or StatefulSet's replicas through its scale subresource. */
export class ScaleWorkloadCommand implements Command {
  readonly id = 'starterStack.scaleWorkload';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, replicatedWorkload);
    if (!chosen) return;
    const { session, target } = chosen;
    if (!(await scaleDespiteAutoscaler(session, target))) return;
    const current = num(rec(session.cache.get(target.kind, target.namespace, target.name)?.spec).replicas) ?? 1;
    const input = await vscode.window.showInputBox({
      title: vscode.l10n.t('Scale {0} {1}', target.kind, target.name),
      value: String(current),
      validateInput: (v) =>
        /^\d+$/.test(v) && Number(v) <= MAX_REPLICAS
          ? undefined
          : vscode.l10n.t('A whole number from 0 to {0}', MAX_REPLICAS),
    });
    if (input === undefined) return;
    const answer = await scaleWorkload(session.client, { ...target, kind: target.kind }, Number(input));
    if (!answer.ok) return showFailure(answer.error);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Scaling {0} to {1}…', target.name, input), 5000);
  }
}
