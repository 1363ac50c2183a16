import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { Disposable } from '../../util/disposable';
import { pickPod, podRefOf, requireSession, showFailure, type PodRef } from '../tree/commandTargets';
import type { Command } from './command';

const TAIL_LINES = 1000;

/** The pod's recent log in an output channel (until the observability panel takes this over). */
export class ShowPodLogsCommand extends Disposable implements Command {
  readonly id = 'starterStack.showPodLogs';
  private channel: vscode.OutputChannel | undefined;

  constructor(private readonly live: LiveCluster) {
    super();
  }

  async execute(node?: unknown): Promise<void> {
    const session = requireSession(this.live);
    if (!session) return;
    const pod = podRefOf(node) ?? (await pickPod(session));
    if (!pod) return;
    const answer = await session.client.send(
      { method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`, query: { container: pod.container, tailLines: TAIL_LINES } },
      { verb: 'get', plural: 'pods/log', group: '', namespace: pod.namespace, name: pod.name },
    );
    if (!answer.ok) return showFailure(answer.error);
    this.show(pod, typeof answer.value.body === 'string' ? answer.value.body : JSON.stringify(answer.value.body, null, 2));
  }

  private show(pod: PodRef, text: string): void {
    this.channel ??= this._register(vscode.window.createOutputChannel(vscode.l10n.t('Starter Stack: Pod Log')));
    this.channel.clear();
    this.channel.appendLine(vscode.l10n.t('— {0}/{1}{2}, last {3} lines —', pod.namespace, pod.name, pod.container ? ` (${pod.container})` : '', TAIL_LINES));
    this.channel.append(text === '' ? vscode.l10n.t('(no output)\n') : text);
    this.channel.show(true);
  }
}
