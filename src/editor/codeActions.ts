import * as vscode from 'vscode';
import type { Finding, QuickFix } from '../lint/types';
import { showsFinding, toVsRange } from './diagnosticsConvert';

/** A quick fix's plain-data edits as a WorkspaceEdit. */
export function toWorkspaceEdit(fix: QuickFix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(vscode.Uri.parse(e.uri), toVsRange(e.range), e.newText);
  return edit;
}

/** Offers the engine's quick fixes for the linter's diagnostics under the cursor. */
export class LintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly findingsFor: (uri: string) => readonly Finding[]) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const findings = this.findingsFor(document.uri.toString()).filter((f) => f.fixes?.length);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = findings.find((f) => showsFinding(diagnostic, f));
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(fix);
        action.diagnostics = [diagnostic];
        action.isPreferred = finding?.fixes?.length === 1;
        actions.push(action);
      }
    }
    return actions;
  }
}
