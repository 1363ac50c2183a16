import * as vscode from 'vscode';
import type { StackOptionsInput } from '../../stack/options';
import type { ProposedContentProvider } from '../proposedContent';
import { readSettings, stackOptionsFrom } from '../settings';
import { folderToWrite, readExisting, writePlan, type OnConflict, type WriteResult } from '../writeFiles';
import { isRequest, type Command } from './command';

/** The non-interactive form, for tests and tasks. Unset fields come from the settings. */
export interface ScaffoldRequest {
  folder?: vscode.Uri;
  options?: StackOptionsInput;
  onConflict?: OnConflict;
}

/** What the command returns. */
export type ScaffoldResult = WriteResult;

/**
 * "Starter Stack: Scaffold Project": writes the manifests (k8s/) and the four apps with their Dockerfiles and
 * compose file (apps/) into the workspace, with the same no-clobber rules as Generate Manifests.
 */
export class ScaffoldProjectCommand implements Command {
  readonly id = 'starterStack.scaffoldProject';

  constructor(
    private readonly proposed: ProposedContentProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async execute(arg?: unknown): Promise<ScaffoldResult | undefined> {
    const request = isRequest<ScaffoldRequest>(arg, ['folder', 'options', 'onConflict']) ? arg : undefined;
    const folder = await folderToWrite(
      request?.folder ?? (arg instanceof vscode.Uri ? arg : undefined),
      vscode.l10n.t('Where should the project go?'),
      vscode.l10n.t('Open a folder first: the project is written into the workspace.'),
    );
    if (!folder) return undefined;
    const settings = readSettings(folder);
    const input = stackOptionsFrom(settings, request?.options);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scaffolding the starter project…') },
      () => this.scaffold(folder, input, request?.onConflict ?? 'ask'),
    );
  }

  private async scaffold(
    folder: vscode.Uri,
    input: StackOptionsInput,
    onConflict: OnConflict,
  ): Promise<ScaffoldResult | undefined> {
    const [{ loadAppFiles }, { scaffoldPaths, scaffoldProject, DEFAULT_LAYOUT }] = await Promise.all([
      import('../../stack/apps'),
      import('../../stack/scaffold'),
    ]);
    const appFiles = await loadAppFiles();
    const plan = await scaffoldProject(input, await readExisting(folder, scaffoldPaths(appFiles)), { appFiles });
    if (!plan.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot scaffold the project: {0}', plan.error));
      return undefined;
    }
    const outcome = await writePlan(folder, plan.value, onConflict, this.proposed);
    if (!outcome) return undefined;
    for (const warning of plan.value.warnings)
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'In {0}, {1}',
          vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder, DEFAULT_LAYOUT.manifests)),
          warning,
        ),
      );
    this.log.info(
      `scaffold: ${outcome.written.length} written, ${plan.value.unchanged.length} unchanged, ${outcome.skipped.length} kept in ${folder.fsPath}`,
    );
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, DEFAULT_LAYOUT.apps, 'README.md'), {
      preview: false,
    });
    const kept = outcome.skipped.length
      ? vscode.l10n.t(', kept your version of {0}', outcome.skipped.map((f) => f.path).join(', '))
      : '';
    const build = vscode.l10n.t('Build and Load Images');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'Starter Stack: wrote {0} file(s) to {1}{2}.',
          outcome.written.length,
          vscode.workspace.asRelativePath(folder),
          kept,
        ),
        build,
      )
      .then((choice) =>
        choice === build ? vscode.commands.executeCommand('starterStack.buildImages', folder) : undefined,
      );
    return {
      folder: folder.fsPath,
      written: outcome.written.map((f) => f.path),
      unchanged: plan.value.unchanged.map((f) => f.path),
      skipped: outcome.skipped.map((f) => f.path),
    };
  }
}
