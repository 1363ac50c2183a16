import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { WritePlan } from '../stack/generate';
import type { GeneratedFile } from '../stack/render';
import type { ProposedContentProvider } from './proposedContent';

export type OnConflict = 'ask' | 'overwrite' | 'skip';

/** What Generate and Scaffold return to their callers (tests, tasks): paths relative to `folder`. */
export interface WriteResult {
  readonly folder: string;
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly skipped: readonly string[];
}

/**
 * The folder to write into: the one given, else the only workspace folder or the one the user picks. Says
 * `noFolder` in an error message when there is none.
 */
export async function folderToWrite(
  given: vscode.Uri | undefined,
  placeHolder: string,
  noFolder: string,
): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const picked =
    folders.length <= 1 ? folders[0]?.uri : (await vscode.window.showWorkspaceFolderPick({ placeHolder }))?.uri;
  if (!picked) void vscode.window.showErrorMessage(noFolder);
  return picked;
}

export interface WriteOutcome {
  readonly written: readonly GeneratedFile[];
  readonly skipped: readonly GeneratedFile[];
}

/** Reads the files that exist in `folder` among `paths`, for the no-clobber plan. */
export async function readExisting(folder: vscode.Uri, paths: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await Promise.all(
    paths.map(async (path) => {
      const uri = vscode.Uri.joinPath(folder, path);
      // An open document may hold unsaved edits: compare against what the user sees.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return found.set(path, open.getText());
      const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
      if (bytes) found.set(path, new TextDecoder().decode(bytes));
    }),
  );
  return found;
}

/** Decides, with the user, which changed files to overwrite; undefined when the user cancels (write nothing). */
async function chooseOverwrites(
  folder: vscode.Uri,
  conflicts: readonly GeneratedFile[],
  onConflict: OnConflict,
  proposed: ProposedContentProvider,
): Promise<GeneratedFile[] | undefined> {
  if (conflicts.length === 0 || onConflict === 'skip') return [];
  if (onConflict === 'overwrite') return [...conflicts];
  const review = vscode.l10n.t('Review each file');
  const all = vscode.l10n.t('Overwrite all');
  const none = vscode.l10n.t('Keep mine (write only new files)');
  const names = conflicts.map((f) => f.path).join(', ');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} file(s) you have changed would be replaced: {1}', conflicts.length, names),
    { modal: true },
    review,
    all,
    none,
  );
  if (choice === undefined) return undefined;
  if (choice === all) return [...conflicts];
  if (choice !== review) return [];
  const chosen: GeneratedFile[] = [];
  for (const file of conflicts) {
    const target = vscode.Uri.joinPath(folder, file.path);
    const title = vscode.l10n.t('{0} (yours ↔ generated)', file.path);
    await vscode.commands.executeCommand('vscode.diff', target, proposed.propose(target, file.content), title, {
      preview: true,
    });
    const overwrite = vscode.l10n.t('Overwrite');
    const keep = vscode.l10n.t('Keep mine');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Overwrite {0} with the generated version?', file.path),
      { modal: true },
      overwrite,
      keep,
    );
    if (answer === undefined) break;
    if (answer === overwrite) chosen.push(file);
  }
  return chosen;
}

/** Creates a file that must not be readable by others (secrets.env) with its mode from the start; false when not on disk. */
async function createPrivateFile(uri: vscode.Uri, file: GeneratedFile): Promise<boolean> {
  if (uri.scheme !== 'file' || file.mode === undefined) return false;
  await mkdir(dirname(uri.fsPath), { recursive: true });
  // 'wx': never replaces a file that appeared since the plan was made.
  await writeFile(uri.fsPath, file.content, { mode: file.mode, flag: 'wx' });
  return true;
}

/**
 * Writes the plan through one WorkspaceEdit, so the change is undoable in open editors: new files are
 * created with their content, overwritten files have their whole text replaced and are saved. A file with a
 * mode (secrets.env) is created on disk with that mode instead. Undefined when the user cancelled.
 */
export async function writePlan(
  folder: vscode.Uri,
  plan: WritePlan,
  onConflict: OnConflict,
  proposed: ProposedContentProvider,
): Promise<WriteOutcome | undefined> {
  const overwrites = await chooseOverwrites(folder, plan.conflicts, onConflict, proposed);
  if (overwrites === undefined) return undefined;
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  // Counted here: WorkspaceEdit.size counts text edits only, not the files it creates.
  let operations = 0;
  for (const file of plan.create) {
    const uri = vscode.Uri.joinPath(folder, file.path);
    if (await createPrivateFile(uri, file)) continue;
    edit.createFile(uri, { contents: encoder.encode(file.content), ignoreIfExists: true });
    operations++;
  }
  const replaced: vscode.TextDocument[] = [];
  for (const file of overwrites) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, file.path));
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), file.content);
    replaced.push(doc);
    operations++;
  }
  const skipped = plan.conflicts.filter((f) => !overwrites.includes(f));
  // An empty edit is no edit: VS Code refuses to apply one, which is not a failure.
  if (operations > 0 && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'VS Code did not apply the changes to {0}: nothing was replaced. Close unsaved editors of those files and try again.',
        vscode.workspace.asRelativePath(folder),
      ),
    );
    return {
      written: plan.create.filter((f) => f.mode !== undefined && folder.scheme === 'file'),
      skipped: [...skipped, ...overwrites],
    };
  }
  await Promise.all(replaced.map((doc) => doc.save()));
  await restoreModes(folder, overwrites);
  return { written: [...plan.create, ...overwrites], skipped };
}

/** An overwritten secrets.env keeps (or gets) its private mode. */
async function restoreModes(folder: vscode.Uri, files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const uri = vscode.Uri.joinPath(folder, file.path);
    if (uri.scheme === 'file' && file.mode !== undefined) await chmod(uri.fsPath, file.mode);
  }
}
