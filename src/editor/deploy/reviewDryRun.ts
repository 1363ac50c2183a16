import * as vscode from 'vscode';
import type { ApplyReport, ObjectResult } from '../../kube/applyResult';
import { driftLine, reviewGroups } from '../../kube/reviewOrder';
import type { ProposedContentProvider } from '../proposedContent';

/** `create-namespace`: create the missing namespace (one real change), then run the dry run again. */
export type ReviewDecision = 'apply' | 'force' | 'cancel' | 'create-namespace';

const ICON: Record<ObjectResult['status'], string> = {
  created: '$(add)',
  configured: '$(diff)',
  unchanged: '$(check)',
  failed: '$(error)',
  conflict: '$(warning)',
  unknown: '$(question)',
  skipped: '$(circle-slash)',
};

const describe = (r: ObjectResult): string =>
  `${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name}`;

interface Item extends vscode.QuickPickItem {
  readonly decision?: ReviewDecision;
  readonly result?: ObjectResult;
}

const row = (r: ObjectResult): Item => ({
  label: `${ICON[r.status]} ${describe(r)}`,
  description: r.drift?.length ? vscode.l10n.t('{0}, drift', r.status) : r.status,
  detail:
    [driftLine(r), r.message].filter(Boolean).join(' — ') ||
    (r.diff ? vscode.l10n.t('Select to see the diff') : undefined),
  result: r,
});

function items(report: ApplyReport): Item[] {
  const g = reviewGroups(report);
  const failing = g.failed.length;
  const apply: Item =
    failing > 0
      ? {
          label: `$(warning) ${vscode.l10n.t('Apply anyway ({0} will fail)', failing)}`,
          detail: vscode.l10n.t(
            '{0} change(s) apply; the failures below stay failed.',
            g.changes.length + g.drifted.length,
          ),
          decision: 'apply',
          alwaysShow: true,
        }
      : {
          label: `$(rocket) ${vscode.l10n.t('Apply {0} change(s)', g.changes.length + g.drifted.length)}`,
          decision: 'apply',
          alwaysShow: true,
        };
  const actions: Item[] =
    failing > 0
      ? [
          {
            label: `$(close) ${vscode.l10n.t('Cancel: fix the {0} failure(s) first', failing)}`,
            decision: 'cancel',
            alwaysShow: true,
          },
          apply,
        ]
      : [apply];
  if (g.missingNamespace !== undefined) {
    // First, so Enter on a first deploy lets the server check every object before anything else changes.
    actions.unshift({
      label: `$(symbol-namespace) ${vscode.l10n.t('Create namespace {0} first, then check again', g.missingNamespace)}`,
      detail: vscode.l10n.t(
        'One real, harmless change (an empty namespace); the dry run then runs again and the server checks every object.',
      ),
      decision: 'create-namespace',
      alwaysShow: true,
    });
  }
  if (g.conflicts.length > 0) {
    actions.push({
      label: `$(warning) ${vscode.l10n.t('Apply and take over {0} conflicting object(s)', g.conflicts.length)}`,
      detail: vscode.l10n.t('Fields another tool manages will be taken over by starter-stack.'),
      decision: 'force',
      alwaysShow: true,
    });
  }
  const separator = (label: string): Item => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const sections: Item[] = [];
  if (g.missingNamespace !== undefined) {
    sections.push(
      separator(
        vscode.l10n.t(
          'Namespace {0} does not exist yet: the server could not check the objects in it',
          g.missingNamespace,
        ),
      ),
    );
  }
  if (failing > 0) sections.push(separator(vscode.l10n.t('Failures')), ...g.failed.map(row));
  if (g.conflicts.length > 0) sections.push(separator(vscode.l10n.t('Conflicts')), ...g.conflicts.map(row));
  if (g.drifted.length > 0)
    sections.push(
      separator(vscode.l10n.t('Drift: changed in the cluster outside the manifests (applying sets it back)')),
      ...g.drifted.map(row),
    );
  if (g.changes.length > 0)
    sections.push(separator(vscode.l10n.t('Changes (select one to see its diff)')), ...g.changes.map(row));
  if (g.unchanged.length > 0)
    sections.push(separator(vscode.l10n.t('Unchanged')), {
      label: `$(check) ${vscode.l10n.t('{0} object(s) unchanged', g.unchanged.length)}`,
      description: g.unchanged.map(describe).slice(0, 3).join(', ') + (g.unchanged.length > 3 ? ', …' : ''),
    });
  return [...actions, ...sections];
}

/** Shows what the dry run found; selecting an object opens its diff. Resolves with what the user decided. */
export async function reviewDryRun(report: ApplyReport, proposed: ProposedContentProvider): Promise<ReviewDecision> {
  for (;;) {
    const picked = await vscode.window.showQuickPick(items(report), {
      title: vscode.l10n.t('Deploy Starter Stack: dry run (nothing changed yet)'),
      placeHolder: vscode.l10n.t('Apply, or pick an object to see what would change'),
      ignoreFocusOut: true,
    });
    if (!picked) return 'cancel';
    if (picked.decision) return picked.decision;
    const result = picked.result;
    if (!result?.diff) continue;
    const uri = proposed.propose(vscode.Uri.file(`/dry-run/${result.ref.kind}-${result.ref.name}.diff`), result.diff);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'diff'), {
      preview: true,
      viewColumn: vscode.ViewColumn.Active,
    });
  }
}
