import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { WATCHED_KINDS } from '../../kube/cache/kinds';
import { WorkloadNode } from '../tree/nodes/workloadNode';
import { pickWorkload, requireSession, showFailure } from '../tree/commandTargets';
import { objectPath } from '../../kube/resources';
import type { Command } from './command';

/** `kubectl rollout restart`: a new pod-template annotation makes the controller replace every pod. */
export class RestartRolloutCommand implements Command {
  readonly id = 'starterStack.restartRollout';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    const session = requireSession(this.live);
    if (!session) return;
    const target = node instanceof WorkloadNode ? node.ref : await pickWorkload(session);
    if (!target) return;
    const info = WATCHED_KINDS[target.kind];
    const body = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } } };
    const answer = await session.client.send(
      { method: 'PATCH', path: objectPath(info.apiVersion, info, target.name, target.namespace), body, contentType: 'application/strategic-merge-patch+json', query: { fieldManager: 'starter-stack' } },
      { verb: 'patch', plural: info.plural, group: 'apps', namespace: target.namespace, name: target.name },
    );
    if (!answer.ok) return showFailure(answer.error);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Restarting {0} {1}…', target.kind, target.name), 5000);
  }
}
