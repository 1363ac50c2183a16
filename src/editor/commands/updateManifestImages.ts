import * as vscode from 'vscode';
import type { WorkloadKind } from '../../kube/cache/ownership';
import { imageEdits, type ImageEdit } from '../../kube/manifestImages';
import type { Revision } from '../../kube/rolloutHistory';

const MANIFEST_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist}/**';

/**
 * After a rollback the workspace manifest still names the newer images. Offers to change them (an unsaved, visible
 * edit the user reviews and saves) or to leave the file, and says which happened.
 */
export async function offerManifestUpdate(
  workload: { kind: WorkloadKind; namespace: string; name: string },
  revision: Revision,
): Promise<void> {
  const images = new Map(revision.containers.map((c) => [c.name, c.image]));
  const found = await findManifest(workload, images);
  if (!found) return;
  const { document, edits } = found;
  const file = vscode.workspace.asRelativePath(document.uri);
  const update = vscode.l10n.t('Update Manifest to Match');
  const leave = vscode.l10n.t('Leave It');
  const changes = edits.map((e) => `${e.container}: ${e.from} → ${e.to}`).join('; ');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('{0} still names the images {1} no longer runs ({2}).', file, workload.name, changes),
    update,
    leave,
  );
  if (choice !== update) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Left {0} as it is: applying it again rolls {1} forward to its images.', file, workload.name),
    );
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(
      document.uri,
      new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
      e.newText,
    );
  if (!(await vscode.workspace.applyEdit(edit)))
    return void vscode.window.showErrorMessage(vscode.l10n.t('Could not edit {0}.', file));
  const first = edits[0]!.range.start;
  await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(first.line, first.character, first.line, first.character + edits[0]!.newText.length),
    preview: false,
  });
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Updated {0} image(s) in {1}; review and save it.', edits.length, file),
  );
}

async function findManifest(
  workload: { kind: WorkloadKind; namespace: string; name: string },
  images: ReadonlyMap<string, string>,
): Promise<{ document: vscode.TextDocument; edits: ImageEdit[] } | undefined> {
  for (const uri of await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, 2000)) {
    const bytes = await vscode.workspace.fs.readFile(uri);
    // A cheap text check first: most files do not mention the workload at all.
    if (!new TextDecoder().decode(bytes).includes(workload.name)) continue;
    const document = await vscode.workspace.openTextDocument(uri);
    const edits = imageEdits(document.getText(), workload, images);
    if (edits.length > 0) return { document, edits };
  }
  return undefined;
}
