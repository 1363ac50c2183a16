import * as vscode from 'vscode';
import type { ApplyReport, ObjectResult } from '../../kube/applyResult';
import type { ProposedContentProvider } from '../proposedContent';

export type ReviewDecision = 'apply' | 'force' | 'cancel';

const ICON: Record<ObjectResult['status'], string> = {
  created: '$(add)',
  configured: '$(diff)',
  unchanged: '$(check)',
  failed: '$(error)',
  conflict: '$(warning)',
  unknown: '$(question)',
  skipped: '$(circle-slash)',
};

const describe = (r: ObjectResult): string => `${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name}`;

interface Item extends vscode.QuickPickItem {
  readonly decision?: ReviewDecision;
  readonly result?: ObjectResult;
}

function items(report: ApplyReport): Item[] {
  const changes = report.results.filter((r) => r.status === 'created' || r.status === 'configured').length;
  const conflicts = report.results.filter((r) => r.status === 'conflict').length;
  const actions: Item[] = [{ label: `$(rocket) ${vscode.l10n.t('Apply {0} change(s)', changes)}`, decision: 'apply', alwaysShow: true }];
  if (conflicts > 0) {
    actions.push({ label: `$(warning) ${vscode.l10n.t('Apply and take over {0} conflicting object(s)', conflicts)}`, detail: vscode.l10n.t('Fields another tool manages will be taken over by starter-stack.'), decision: 'force', alwaysShow: true });
  }
  const objects = report.results.map((r): Item => ({
    label: `${ICON[r.status]} ${describe(r)}`,
    description: r.status,
    detail: r.message ?? (r.diff ? vscode.l10n.t('Select to see the diff') : undefined),
    result: r,
  }));
  return [...actions, { label: vscode.l10n.t('Objects (select one to see its diff)'), kind: vscode.QuickPickItemKind.Separator }, ...objects];
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
    await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'diff'), { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}
