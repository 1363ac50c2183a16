import * as vscode from 'vscode';
import type { ComponentId } from '../../stack/components';
import type { StackOptionsInput } from '../../stack/options';
import type { ProposedContentProvider } from '../proposedContent';
import { readSettings, stackOptionsFrom } from '../settings';
import { folderToWrite, readExisting, writePlan, type OnConflict, type WriteResult } from '../writeFiles';
import { isRequest, type Command } from './command';

/** The non-interactive form, for tests, tasks and other extensions. Unset fields come from the settings. */
export interface GenerateRequest {
  outDir?: string;
  options?: StackOptionsInput;
  onConflict?: OnConflict;
}

/** What the command returns. */
export type GenerateResult = WriteResult;

/** Asks for the options in four short steps; undefined when the user cancels any of them. */
async function askOptions(defaults: ReturnType<typeof readSettings>): Promise<StackOptionsInput | undefined> {
  const { parseStackOptions } = await import('../../stack/options');
  const { COMPONENTS, COMPONENT_IDS } = await import('../../stack/components');
  const title = (step: number) => vscode.l10n.t('Generate Manifests ({0}/4)', step);
  // Validates one field as the user types, with the same rules (and messages) as the CLI.
  const check = (input: StackOptionsInput): string | undefined => {
    const parsed = parseStackOptions(input);
    return parsed.ok ? undefined : parsed.error;
  };
  const namespace = await vscode.window.showInputBox({
    title: title(1),
    prompt: vscode.l10n.t('Namespace'),
    value: defaults.namespace,
    ignoreFocusOut: true,
    validateInput: (v) => check({ namespace: v }),
  });
  if (namespace === undefined) return undefined;
  const items = COMPONENT_IDS.filter((id) => id !== 'namespace').map((id) => ({
    label: id,
    description: COMPONENTS[id].description,
    detail: COMPONENTS[id].dependsOn.length
      ? vscode.l10n.t('needs {0}', COMPONENTS[id].dependsOn.join(', '))
      : undefined,
    picked: COMPONENTS[id].defaultOn,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: title(2),
    placeHolder: vscode.l10n.t('Components (dependencies are added for you)'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (picked === undefined || picked.length === 0) return undefined;
  const imagePrefix = await vscode.window.showInputBox({
    title: title(3),
    prompt: vscode.l10n.t('Image prefix of the four app images (registry/repository)'),
    value: defaults.imagePrefix,
    ignoreFocusOut: true,
    validateInput: (v) => check({ imagePrefix: v }),
  });
  if (imagePrefix === undefined) return undefined;
  const host = await vscode.window.showInputBox({
    title: title(4),
    prompt: vscode.l10n.t('Ingress host'),
    value: defaults.ingressHost,
    ignoreFocusOut: true,
    validateInput: (v) => check({ host: v }),
  });
  if (host === undefined) return undefined;
  const components = picked.map((p) => p.label as ComponentId);
  return {
    namespace,
    components,
    imagePrefix,
    host,
    tag: defaults.imageTag,
    metricsServer: components.includes('metrics-server'),
  };
}

/** "Starter Stack: Generate Manifests": writes the stack's manifests into the workspace, asking before replacing edits. */
export class GenerateManifestsCommand implements Command {
  readonly id = 'starterStack.generateManifests';

  constructor(
    private readonly proposed: ProposedContentProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async execute(arg?: unknown): Promise<GenerateResult | undefined> {
    const request = isRequest<GenerateRequest>(arg, ['options', 'outDir', 'onConflict']) ? arg : undefined;
    const root = await folderToWrite(
      arg instanceof vscode.Uri ? arg : undefined,
      vscode.l10n.t('Where should the manifests go?'),
      vscode.l10n.t('Open a folder first: the manifests are written into the workspace.'),
    );
    if (!root) return undefined;
    const settings = readSettings(root);
    const folder = vscode.Uri.joinPath(
      root,
      request?.outDir ?? (arg instanceof vscode.Uri ? '.' : settings.outputFolder),
    );
    const input = request ? stackOptionsFrom(settings, request.options) : await askOptions(settings);
    if (!input) return undefined;
    return this.generate(folder, input, request?.onConflict ?? 'ask');
  }

  private async generate(
    folder: vscode.Uri,
    input: StackOptionsInput,
    onConflict: OnConflict,
  ): Promise<GenerateResult | undefined> {
    const [{ generateStack }, { STACK_FILE_PATHS }] = await Promise.all([
      import('../../stack/generate'),
      import('../../stack/render'),
    ]);
    const existing = await readExisting(folder, STACK_FILE_PATHS);
    const plan = await generateStack(input, existing);
    if (!plan.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot generate the manifests: {0}', plan.error));
      return undefined;
    }
    const outcome = await writePlan(folder, plan.value, onConflict, this.proposed);
    if (!outcome) return undefined;
    const shown = vscode.workspace.asRelativePath(folder);
    for (const warning of plan.value.warnings)
      void vscode.window.showWarningMessage(vscode.l10n.t('In {0}, {1}', shown, warning));
    this.log.info(
      `generate: ${outcome.written.length} written, ${plan.value.unchanged.length} unchanged, ${outcome.skipped.length} kept in ${folder.fsPath}`,
    );
    const kustomization = vscode.Uri.joinPath(folder, 'kustomization.yaml');
    await vscode.window.showTextDocument(kustomization, { preview: false });
    const kept = outcome.skipped.length
      ? vscode.l10n.t(', kept your version of {0}', outcome.skipped.map((f) => f.path).join(', '))
      : '';
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Starter Stack: wrote {0} file(s) to {1}{2}.', outcome.written.length, shown, kept),
    );
    return {
      folder: folder.fsPath,
      written: outcome.written.map((f) => f.path),
      unchanged: plan.value.unchanged.map((f) => f.path),
      skipped: outcome.skipped.map((f) => f.path),
    };
  }
}
