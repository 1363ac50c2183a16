import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { readSettings, updateWorkspaceSetting } from '../settings';
import type { Command } from './command';

type Choice = vscode.QuickPickItem & ({ action: 'context'; context: string } | { action: 'namespace' });

/** Switches the kubeconfig context the tree watches (for this window only) or the stack's namespace. */
export class SwitchContextCommand implements Command {
  readonly id = 'starterStack.switchContext';

  constructor(private readonly live: LiveCluster) {}

  async execute(): Promise<void> {
    const choice = await vscode.window.showQuickPick(await this.choices(), {
      placeHolder: vscode.l10n.t('Kubernetes context or namespace'),
    });
    if (!choice) return;
    if (choice.action === 'namespace') return this.pickNamespace();
    await this.live.connect(choice.context);
  }

  private async choices(): Promise<Choice[]> {
    const { loadKubeconfig, listContexts } = await import('../../kube/kubeconfig');
    const loaded = await loadKubeconfig({});
    const current = this.live.session?.target.contextName;
    const namespace: Choice = {
      action: 'namespace',
      label: `$(symbol-namespace) ${vscode.l10n.t('Namespace: {0}', readSettings().namespace)}`,
      description: vscode.l10n.t('change…'),
    };
    if (!loaded.ok)
      return [namespace, { label: loaded.error, kind: vscode.QuickPickItemKind.Separator, action: 'namespace' }];
    const contexts = listContexts(loaded.value).map<Choice>((c) => ({
      action: 'context',
      context: c.name,
      label: `${c.name === current ? '$(check)' : '$(cloud)'} ${c.name}`,
      description: c.cluster,
      detail: c.namespace ? vscode.l10n.t('default namespace {0}', c.namespace) : undefined,
    }));
    return [
      namespace,
      { label: vscode.l10n.t('Contexts'), kind: vscode.QuickPickItemKind.Separator, action: 'namespace' },
      ...contexts,
    ];
  }

  /** The stack's namespace is a workspace setting: the generator, deploy, tree and status bar all follow it. */
  private async pickNamespace(): Promise<void> {
    const cache = this.live.session?.cache;
    const names =
      cache
        ?.list('Namespace')
        .map((n) => n.metadata.name)
        .sort() ?? [];
    const picked =
      names.length > 0
        ? await vscode.window.showQuickPick(names, { placeHolder: vscode.l10n.t('Namespace of the stack') })
        : await vscode.window.showInputBox({
            prompt: vscode.l10n.t('Namespace of the stack'),
            value: readSettings().namespace,
          });
    if (!picked) return;
    await updateWorkspaceSetting('namespace', picked);
  }
}
