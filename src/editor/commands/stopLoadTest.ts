import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import type { LiveSession } from '../../kube/cache/connect';
import { loadTestStatus, stopLoadTests } from '../../kube/load';
import { readSettings } from '../settings';
import { ServiceNode } from '../tree/nodes/serviceNode';
import { WorkloadNode } from '../tree/nodes/workloadNode';
import { requireSession, showFailure } from '../tree/commandTargets';
import type { Command } from './command';
import { loadTestTarget, type ServiceTarget } from './loadTestTarget';

/** The running load test to stop: the node's Service, the only one running, or one the user picks. */
async function runningTarget(session: LiveSession, node: unknown): Promise<ServiceTarget | undefined> {
  if (node instanceof ServiceNode || node instanceof WorkloadNode) return loadTestTarget(session, node);
  const namespace = readSettings().namespace;
  const status = await loadTestStatus(session.client, namespace);
  if (!status.ok) return void showFailure(status.error);
  const tests = status.value;
  if (tests.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No load test in {0}.', namespace));
    return undefined;
  }
  if (tests.length === 1) return { namespace, name: tests[0]!.service };
  const picked = await vscode.window.showQuickPick(
    tests.map((t) => ({ label: t.service, description: `${t.state} · ${t.rps} req/s` })),
    { placeHolder: vscode.l10n.t('Load test to stop') },
  );
  return picked ? { namespace, name: picked.label } : undefined;
}

/** Deletes a load test's Job (its k6 pod goes with it) and ConfigMap; the HPA then scales down after its window. */
export class StopLoadTestCommand implements Command {
  readonly id = 'starterStack.stopLoadTest';

  constructor(
    private readonly live: LiveCluster,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async execute(node?: unknown): Promise<void> {
    const session = requireSession(this.live);
    if (!session) return;
    const target = await runningTarget(session, node);
    if (!target) return;
    const stopped = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Stopping the load test on {0}', target.name),
      },
      () => stopLoadTests(session.client, target.namespace, target.name),
    );
    if (!stopped.ok) return showFailure(stopped.error);
    if (stopped.value.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No load test against {0} is running.', target.name));
      return;
    }
    this.log.info(`Load test against ${target.name} in ${target.namespace} stopped`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Load test on {0} stopped. Its HPA scales down once the stabilisation window has passed (the Cluster view counts it down).',
        target.name,
      ),
    );
  }
}
