import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import type { Scope } from '../../observe/model';
import { objectTargetOf, pickPod, podRefOf, sessionAndTarget } from '../tree/commandTargets';
import type { Command } from './command';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** What "Show Logs" on a tree node looks at: the pod (a container's pod), or every pod of a workload. */
export function logScopeOf(node: unknown): Scope | undefined {
  const pod = podRefOf(node);
  if (pod) return { namespace: pod.namespace, pod: pod.name };
  const target = objectTargetOf(node);
  if (target?.namespace && WORKLOAD_KINDS.has(target.kind))
    return { namespace: target.namespace, workload: target.name };
  return undefined;
}

/** "Show Logs" (tree, palette): the observability panel beside the editor, scoped to the pod or workload. */
export class ShowPodLogsCommand implements Command {
  readonly id = 'starterStack.showPodLogs';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    let scope = logScopeOf(node);
    if (!scope) {
      const chosen = await sessionAndTarget(this.live, node, pickPod);
      if (!chosen) return;
      scope = { namespace: chosen.target.namespace, pod: chosen.target.name };
    }
    await vscode.commands.executeCommand('starterStack.openObservability', scope);
  }
}
