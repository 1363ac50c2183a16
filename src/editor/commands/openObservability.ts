import * as vscode from 'vscode';
import type { Scope } from '../../observe/model';
import type { ObservabilityPanels } from '../panel/register';
import type { Command } from './command';

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** What the palette (nothing), a caller (`{ namespace, workload?, pod? }`) or a tree node carrying those fields gives. */
export function toScope(arg: unknown, defaultNamespace: string): Scope | string {
  if (arg === undefined || arg === null) return { namespace: defaultNamespace };
  if (typeof arg !== 'object')
    return vscode.l10n.t('Open Observability Panel expects nothing or {0}.', '{ namespace, workload?, pod? }');
  const { namespace, workload, pod } = arg as Record<string, unknown>;
  const ns = namespace ?? defaultNamespace;
  const names = [ns, workload, pod].filter((v) => v !== undefined);
  if (!names.every((v) => typeof v === 'string' && NAME.test(v)))
    return vscode.l10n.t('Not a valid scope: namespace, workload and pod must be Kubernetes names.');
  return { namespace: ns as string, workload: workload as string | undefined, pod: pod as string | undefined };
}

/** "Starter Stack: Open Observability Panel": logs and panels of the stack, a workload or a pod, beside the editor. */
export class OpenObservabilityCommand implements Command {
  readonly id = 'starterStack.openObservability';

  constructor(
    private readonly panels: ObservabilityPanels,
    private readonly defaultNamespace: () => string,
  ) {}

  /** Returns the panel's webview options (for the in-host tests), or undefined when refused. */
  async execute(arg?: unknown): Promise<vscode.WebviewPanelOptions | undefined> {
    const scope = toScope(arg, this.defaultNamespace());
    if (typeof scope === 'string') {
      void vscode.window.showErrorMessage(scope);
      return undefined;
    }
    return (await this.panels.open(scope)).panel.options;
  }
}
