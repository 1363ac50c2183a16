import * as vscode from 'vscode';
import type { LiveSession } from '../../kube/cache/connect';
import { loadTestStatus } from '../../kube/load';
import { isRecord, type KubeObject } from '../../kube/objects';
import { readSettings } from '../settings';
import { showFailure } from '../tree/commandTargets';
import { ServiceNode } from '../tree/nodes/serviceNode';
import { WorkloadNode } from '../tree/nodes/workloadNode';

// Which Service a load-test command (Start, Stop) acts on: the Service node's, the Service in front of a workload
// node, or one the user picks.

export interface ServiceTarget {
  readonly namespace: string;
  readonly name: string;
}

const rec = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** The Services whose selector picks the workload's pods (the Service's selector is a subset of their labels). */
export function servicesSelecting(services: readonly KubeObject[], workload: KubeObject | undefined): KubeObject[] {
  const labels = rec(rec(rec(rec(workload?.spec).template).metadata).labels);
  return services.filter((s) => {
    const selector = Object.entries(rec(rec(s.spec).selector));
    return selector.length > 0 && selector.every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
  });
}

/** The node's Service (or its workload's), else a quick pick of the stack namespace's Services. */
export async function loadTestTarget(session: LiveSession, node: unknown): Promise<ServiceTarget | undefined> {
  if (node instanceof ServiceNode) return { namespace: node.view.namespace, name: node.view.name };
  if (node instanceof WorkloadNode) {
    const { namespace, kind, name } = node.ref;
    const [service] = servicesSelecting(
      session.cache.list('Service', namespace),
      session.cache.get(kind, namespace, name),
    );
    if (service) return { namespace, name: service.metadata.name };
    void vscode.window.showWarningMessage(
      vscode.l10n.t('No Service in {0} sends traffic to {1}: there is nothing to load.', namespace, name),
    );
    return undefined;
  }
  const namespace = readSettings().namespace;
  session.cache.openNamespace(namespace);
  const items = session.cache
    .list('Service', namespace)
    .filter((s) => Object.keys(rec(rec(s.spec).selector)).length > 0)
    .map((s) => ({ label: s.metadata.name, description: namespace }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Service in {0} to load', namespace),
  });
  return picked ? { namespace, name: picked.label } : undefined;
}

/** The running load test to stop: the node's Service, the only one running, or one the user picks. */
export async function runningLoadTestTarget(session: LiveSession, node: unknown): Promise<ServiceTarget | undefined> {
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

/** What the user is told once a load test was stopped (by Stop Load Test, or by cancelling Start's notification). */
export function stoppedMessage(service: string): string {
  return vscode.l10n.t(
    'Load test on {0} stopped. Its HPA scales down once the stabilisation window has passed (the Cluster view counts it down).',
    service,
  );
}
