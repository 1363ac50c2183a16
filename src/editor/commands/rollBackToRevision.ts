import * as vscode from 'vscode';
import type { LiveSession } from '../../kube/cache/connect';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { followRollouts, type RolloutReport } from '../../kube/rollout';
import { rolloutHistory, undoRollout, type Revision } from '../../kube/rolloutHistory';
import { requireSession, showFailure } from '../tree/commandTargets';
import { RevisionNode } from '../tree/nodes/revisionNodes';
import { withCancellableProgress } from '../progress';
import type { Command } from './command';
import { offerManifestUpdate } from './updateManifestImages';

const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

/** `kubectl rollout undo --to-revision N` from a revision node, confirmed with the image change, then followed to the end. */
export class RollBackToRevisionCommand implements Command {
  readonly id = 'starterStack.rollBackToRevision';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    if (!(node instanceof RevisionNode)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t("Open a Deployment's Revisions in the Cluster view and choose the revision to roll back to."),
      );
      return;
    }
    const session = requireSession(this.live);
    if (!session) return;
    const target = { namespace: node.namespace, name: node.deployment };
    // Read again: the tree may be a moment behind, and the confirmation must show what will really change.
    const history = await rolloutHistory(session.client, target);
    if (!history.ok) return showFailure(history.error);
    const chosen = history.value.revisions.find((r) => r.revision === node.revision.revision);
    const current = history.value.revisions.find((r) => r.current);
    if (!chosen)
      return void vscode.window.showWarningMessage(
        vscode.l10n.t('Revision {0} of {1} no longer exists.', node.revision.revision, target.name),
      );
    if (chosen.current)
      return void vscode.window.showInformationMessage(
        vscode.l10n.t('Revision {0} is already what {1} runs.', chosen.revision, target.name),
      );
    if (!(await confirm(target.name, chosen, current))) return;
    const undone = await undoRollout(session.client, target, chosen.revision);
    if (!undone.ok) return showFailure(undone.error);
    const report = await follow(session, target);
    if (report.ready)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} rolled back to revision {1} and is available.', target.name, chosen.revision),
      );
    else if (!report.cancelled)
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} was rolled back to revision {1} but is not available yet: {2}',
          target.name,
          chosen.revision,
          report.workloads[0]?.state.message ?? '',
        ),
      );
    await offerManifestUpdate({ kind: 'Deployment', ...target }, chosen);
  }
}

async function confirm(name: string, chosen: Revision, current: Revision | undefined): Promise<boolean> {
  const before = new Map((current?.containers ?? []).map((c) => [c.name, c.image]));
  const lines = chosen.containers.map((c) => {
    const was = before.get(c.name);
    return was === c.image
      ? `${c.name}: ${c.image} ${vscode.l10n.t('(unchanged)')}`
      : `${c.name}: ${was ?? '—'} → ${c.image}`;
  });
  const action = vscode.l10n.t('Roll Back');
  const detail = [
    ...lines,
    '',
    vscode.l10n.t(
      'The pod template of revision {0} is applied to the Deployment, as kubectl rollout undo does.',
      chosen.revision,
    ),
  ].join('\n');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Roll back {0} to revision {1}?', name, chosen.revision),
    { modal: true, detail },
    action,
  );
  return choice === action;
}

function follow(session: LiveSession, target: { namespace: string; name: string }): Thenable<RolloutReport> {
  const title = vscode.l10n.t('Rolling back {0}', target.name);
  return withCancellableProgress(title, (progress, signal) =>
    followRollouts(session.client, [{ kind: 'Deployment', apiVersion: 'apps/v1', ...target }], {
      timeoutMs: ROLLOUT_TIMEOUT_MS,
      signal,
      onProgress: (_t, state) => progress.report({ message: state.message }),
    }),
  );
}
