import * as vscode from 'vscode';
import { WorkloadNode } from '../tree/nodes/workloadNode';
import type { Command } from './command';

/** "Open in Panel" on a workload: the observability panel scoped to it (its logs and its charts). */
export class OpenInPanelCommand implements Command {
  readonly id = 'starterStack.openInPanel';

  async execute(node?: unknown): Promise<void> {
    const scope =
      node instanceof WorkloadNode ? { namespace: node.data.namespace, workload: node.data.name } : undefined;
    await vscode.commands.executeCommand('starterStack.openObservability', scope);
  }
}
