import * as vscode from 'vscode';
import type { ManifestEntry } from '../../kube/manifests';
import type { PreflightReport } from '../../kube/preflight';
import type { LineEdit } from '../../kube/preflightEdits';
import type { ClusterSession } from '../../kube/session';
import type { BuildImagesResult } from '../commands/buildImages';
import { reviewPreflight, type PreflightPurpose } from './preflightPick';

export interface DeployPreflightInput {
  readonly session: ClusterSession;
  readonly entries: ManifestEntry[];
  readonly root: vscode.Uri;
  /** The folder the manifests were loaded from (entries' files are relative to it). */
  readonly dir: vscode.Uri;
  /** The non-interactive form: no quick pick; a blocker stops the deploy unless `deployAnyway`. */
  readonly request?: { readonly deployAnyway?: boolean };
  readonly log: vscode.LogOutputChannel;
  /** Deploy (the default) decides whether to go on; Check Cluster only reports and acts on fixes. */
  readonly purpose?: PreflightPurpose;
  /** Told each report (the first and every re-check after a fix). */
  readonly onReport?: (report: PreflightReport) => void;
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
        input.onReport?.(report);
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
    return (await applyLineEdit(uri, (text) => edit(ingress, text))) && reload();
  };
  const { ingressClassNameEdit, ingressHostEdit } = await import('../../kube/preflightEdits');
  const decision = await reviewPreflight(
    report,
    {
      buildAndLoadImages: async () => {
        const result = await vscode.commands.executeCommand<BuildImagesResult | undefined>('starterStack.buildImages', {
          folder: input.root,
        });
        return result?.ok === true;
      },
      setIngressClass: (className) => editIngress((entry, text) => ingressClassNameEdit(entry, text, className)),
      setIngressHost: (host) => editIngress((entry, text) => ingressHostEdit(entry, text, host)),
      addMetricsServer: async () => (await addMetricsServer(input.dir, input.session.target.namespace)) && reload(),
      rerun: () => Promise.resolve(run()),
    },
    input.purpose,
  );
  if (decision === 'cancel') return undefined;
  return entries;
}

/**
 * Applies a one-line edit to a workspace file where the user sees it (a preview tab, the line revealed), then saves
 * it, because the deploy reads the files. False when `edit` finds nowhere to change (the user is told).
 */
async function applyLineEdit(uri: vscode.Uri, edit: (text: string) => LineEdit | undefined): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const change = edit(document.getText());
  if (!change) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Could not find where to change {0}; edit it by hand.', vscode.workspace.asRelativePath(uri)),
    );
    return false;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const line = Math.min(change.line - 1, document.lineCount);
  if (change.replace) workspaceEdit.replace(uri, document.lineAt(line).range, change.text);
  else if (line >= document.lineCount)
    workspaceEdit.insert(uri, document.lineAt(line - 1).range.end, `${eol}${change.text}`);
  else workspaceEdit.insert(uri, new vscode.Position(line, 0), `${change.text}${eol}`);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return false;
  const editor = await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
  editor.revealRange(
    document.lineAt(Math.min(line, document.lineCount - 1)).range,
    vscode.TextEditorRevealType.InCenter,
  );
  return document.save();
}

const METRICS_SERVER_FILE = 'metrics-server.yaml';

/**
 * The metrics-server fix: writes the optional component's manifest (as Generate Manifests would) beside the others
 * and lists it in kustomization.yaml, both shown in the editor.
 */
async function addMetricsServer(dir: vscode.Uri, namespace: string): Promise<boolean> {
  const [{ generateStack }, { kustomizationResourceEdit }] = await Promise.all([
    import('../../stack/generate'),
    import('../../kube/preflightEdits'),
  ]);
  const plan = await generateStack({ namespace, components: ['metrics-server'] }, new Map());
  const file = plan.ok ? plan.value.create.find((f) => f.path === METRICS_SERVER_FILE) : undefined;
  if (!file) return false;
  const target = vscode.Uri.joinPath(dir, METRICS_SERVER_FILE);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const create = new vscode.WorkspaceEdit();
    create.createFile(target, { contents: new TextEncoder().encode(file.content) });
    if (!(await vscode.workspace.applyEdit(create))) return false;
    await vscode.window.showTextDocument(target, { preview: false, preserveFocus: true });
  }
  // A folder without a kustomization is read whole; one with it reads only what it lists.
  const kustomization = vscode.Uri.joinPath(dir, 'kustomization.yaml');
  const text = await vscode.workspace.fs.readFile(kustomization).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => undefined,
  );
  if (text === undefined || new RegExp(`^\\s*-\\s+["']?${METRICS_SERVER_FILE}`, 'm').test(text)) return true;
  return applyLineEdit(kustomization, (current) => kustomizationResourceEdit(current, METRICS_SERVER_FILE));
}
