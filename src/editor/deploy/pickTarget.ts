import * as vscode from 'vscode';
import type { ClusterTarget } from '../../kube/kubeconfig';

export interface DeployTarget {
  readonly context: string;
  readonly namespace: string;
}

/** Asks for the context (current one first) and the namespace; undefined when the user cancels. */
export async function pickDeployTarget(
  target: ClusterTarget,
  defaultNamespace: string,
): Promise<DeployTarget | undefined> {
  const { listContexts } = await import('../../kube/kubeconfig');
  const contexts = listContexts(target.kubeConfig).sort((a, b) => Number(b.current) - Number(a.current));
  const items = contexts.map((c) => ({
    label: c.name,
    description: c.current ? vscode.l10n.t('current context') : undefined,
    detail: c.cluster,
  }));
  const context =
    items.length === 1
      ? items[0]
      : await vscode.window.showQuickPick(items, {
          title: vscode.l10n.t('Deploy Starter Stack (1/2)'),
          placeHolder: vscode.l10n.t('Kubernetes context to deploy to'),
          ignoreFocusOut: true,
        });
  if (!context) return undefined;
  const namespace = await vscode.window.showInputBox({
    title: vscode.l10n.t('Deploy Starter Stack (2/2)'),
    prompt: vscode.l10n.t('Namespace (context {0})', context.label),
    value: defaultNamespace,
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v)
        ? undefined
        : vscode.l10n.t('A Kubernetes namespace name: lowercase letters, digits and -, at most 63.'),
  });
  return namespace === undefined ? undefined : { context: context.label, namespace };
}
