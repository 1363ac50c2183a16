import * as vscode from 'vscode';
import type { ManifestEntry } from '../../kube/manifests';
import type { PreflightReport } from '../../kube/preflight';
import type { LineEdit } from '../../kube/preflightEdits';
import type { ClusterSession } from '../../kube/session';
import type { BuildImagesResult } from '../commands/buildImages';
import { reviewPreflight } from './preflightPick';

export interface DeployPreflightInput {
  readonly session: ClusterSession;
  readonly entries: ManifestEntry[];
  readonly root: vscode.Uri;
  /** The folder the manifests were loaded from (entries' files are relative to it). */
  readonly dir: vscode.Uri;
  /** The non-interactive form: no quick pick; a blocker stops the deploy unless `deployAnyway`. */
  readonly request?: { readonly deployAnyway?: boolean };
  readonly log: vscode.LogOutputChannel;
}

/**
 * The first step of Deploy: the preflight checks, the quick pick that acts on their fixes, and the manifests as
 * they are afterwards (an Ingress edit changes them). Undefined when the deploy stops.
 */
export async function runDeployPreflight(input: DeployPreflightInput): Promise<ManifestEntry[] | undefined> {
  const [{ preflightSession }, { loadManifests }] = await Promise.all([
    import('../../kube/preflight'),
    import('../../kube/manifests'),
  ]);
  let entries = input.entries;
  const run = (): Thenable<PreflightReport> =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starter Stack: checking the cluster') },
      async () => {
        const report = await preflightSession(input.session, entries);
        input.log.info(
          `preflight: ${report.cluster.context} is ${report.profile.label}${report.profile.simulated ? ' (starter-sim simulator)' : ''}, detected from ${report.profile.evidence}`,
        );
        for (const c of report.checks)
          input.log.info(`preflight ${c.status} ${c.id}: ${c.message}${c.fix ? ` — fix: ${c.fix}` : ''}`);
        return report;
      },
    );
  const report = await run();
  if (input.request) {
    const blockers = report.checks.filter((c) => c.status === 'blocker');
    if (blockers.length === 0 || input.request.deployAnyway) return entries;
    const message = blockers.map((c) => `${c.id}: ${c.message} Fix: ${c.fix ?? ''}`).join(' ');
    input.log.error(`deploy: preflight blocker(s): ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Deploy Starter Stack: {0}', message));
    return undefined;
  }
  const reload = async (): Promise<boolean> => {
    const loaded = await loadManifests(input.dir.fsPath);
    if (loaded.ok) entries = loaded.value;
    return loaded.ok;
  };
  const editIngress = async (edit: (entry: ManifestEntry, text: string) => LineEdit | undefined): Promise<boolean> => {
    const ingress = entries.find((e) => e.object.kind === 'Ingress');
    if (!ingress) return false;
    const uri = vscode.Uri.joinPath(input.dir, ingress.file);
    const document = await vscode.workspace.openTextDocument(uri);
    const change = edit(ingress, document.getText());
    if (!change) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Could not find where to change {0}; edit it by hand.', ingress.file),
      );
      return false;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    if (change.replace) workspaceEdit.replace(uri, document.lineAt(change.line - 1).range, change.text);
    else workspaceEdit.insert(uri, new vscode.Position(change.line - 1, 0), `${change.text}${eol}`);
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) return false;
    // Shown, so the user sees the change; saved, because the deploy reads the files.
    const editor = await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
    editor.revealRange(document.lineAt(change.line - 1).range, vscode.TextEditorRevealType.InCenter);
    await document.save();
    return reload();
  };
  const { ingressClassNameEdit, ingressHostEdit } = await import('../../kube/preflightEdits');
  const decision = await reviewPreflight(report, {
    buildAndLoadImages: async () => {
      const result = await vscode.commands.executeCommand<BuildImagesResult | undefined>('starterStack.buildImages', {
        folder: input.root,
      });
      return result?.ok === true;
    },
    setIngressClass: (className) => editIngress((entry, text) => ingressClassNameEdit(entry, text, className)),
    setIngressHost: (host) => editIngress((entry, text) => ingressHostEdit(entry, text, host)),
    rerun: () => Promise.resolve(run()),
  });
  if (decision === 'cancel') return undefined;
  return entries;
}
