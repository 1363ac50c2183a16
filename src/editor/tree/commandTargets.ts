import * as vscode from 'vscode';
import type { LiveSession } from '../../kube/cache/connect';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { WORKLOAD_KINDS, type WorkloadRef } from '../../kube/cache/ownership';
import type { ApiFailure } from '../../kube/failures';
import { readSettings } from '../settings';
import { ContainerNode } from './nodes/containerNode';
import { HpaNode } from './nodes/hpaNode';
import { IngressRouteNode } from './nodes/ingressRouteNode';
import { PodNode } from './nodes/podNode';
import { ServiceNode } from './nodes/serviceNode';
import { WorkloadNode } from './nodes/workloadNode';

// What tree actions act on, whether they came from a node, the palette (nothing: ask), or another command.

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly container?: string;
}

/** Any object the tree shows, by kind and name. */
export interface ObjectTarget {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export function podRefOf(arg: unknown): PodRef | undefined {
  if (arg instanceof PodNode) return { namespace: arg.view.namespace, name: arg.view.name };
  if (arg instanceof ContainerNode && arg.parent instanceof PodNode)
    return { namespace: arg.parent.view.namespace, name: arg.parent.view.name, container: arg.view.name };
  return undefined;
}

export function objectTargetOf(arg: unknown): ObjectTarget | undefined {
  if (arg instanceof WorkloadNode) return arg.ref;
  if (arg instanceof ServiceNode) return { kind: 'Service', namespace: arg.view.namespace, name: arg.view.name };
  if (arg instanceof HpaNode)
    return { kind: 'HorizontalPodAutoscaler', namespace: arg.view.namespace, name: arg.view.name };
  if (arg instanceof IngressRouteNode)
    return { kind: 'Ingress', namespace: arg.view.namespace, name: arg.view.ingress };
  const pod = podRefOf(arg);
  return pod ? { kind: 'Pod', namespace: pod.namespace, name: pod.name } : undefined;
}

/** The open session, or an explanation to the user and undefined. */
export function requireSession(live: LiveCluster): LiveSession | undefined {
  const session = live.session;
  if (!session)
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Not connected to a cluster. Open the Cluster view or switch context first.'),
    );
  return session;
}

/**
 * The connected session and what a command acts on (`pick` reads it from the node or asks the user), or undefined
 * when there is no session (the user was told) or no target (told, or they backed out).
 */
export async function sessionAndTarget<T>(
  live: LiveCluster,
  node: unknown,
  pick: (session: LiveSession, node: unknown) => Promise<T | undefined>,
): Promise<{ session: LiveSession; target: T } | undefined> {
  const session = requireSession(live);
  if (!session) return undefined;
  const target = await pick(session, node);
  return target === undefined ? undefined : { session, target };
}

export function showFailure(failure: ApiFailure): void {
  void vscode.window.showErrorMessage(failure.message);
}

export async function pickPod(session: LiveSession): Promise<PodRef | undefined> {
  const namespace = readSettings().namespace;
  session.cache.openNamespace(namespace);
  const items = session.cache.list('Pod', namespace).map((p) => ({ label: p.metadata.name, description: namespace }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Pod in {0}', namespace) });
  return picked ? { namespace, name: picked.label } : undefined;
}

/** The node's pod (a container's pod), else one the user picks. */
export async function podOf(session: LiveSession, node: unknown): Promise<PodRef | undefined> {
  return podRefOf(node) ?? pickPod(session);
}

export async function pickWorkload(
  session: LiveSession,
  kinds: readonly WorkloadRef['kind'][] = WORKLOAD_KINDS,
): Promise<WorkloadRef | undefined> {
  const namespace = readSettings().namespace;
  session.cache.openNamespace(namespace);
  const items = kinds.flatMap((kind) =>
    session.cache.list(kind, namespace).map((w) => ({ label: w.metadata.name, description: kind, workloadKind: kind })),
  );
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Workload in {0}', namespace) });
  return picked ? { kind: picked.workloadKind, namespace, name: picked.label } : undefined;
}

/** The node's workload, else one the user picks. */
export async function workloadOf(session: LiveSession, node: unknown): Promise<WorkloadRef | undefined> {
  return node instanceof WorkloadNode ? node.ref : pickWorkload(session);
}

/** A Deployment or StatefulSet (what has replicas to scale or roll): the node's, or one the user picks. */
export async function replicatedWorkload(
  session: LiveSession,
  node: unknown,
): Promise<(WorkloadRef & { kind: 'Deployment' | 'StatefulSet' }) | undefined> {
  const target =
    node instanceof WorkloadNode && node.data.kind !== 'DaemonSet'
      ? node.ref
      : await pickWorkload(session, ['Deployment', 'StatefulSet']);
  return target && target.kind !== 'DaemonSet'
    ? (target as WorkloadRef & { kind: 'Deployment' | 'StatefulSet' })
    : undefined;
}
