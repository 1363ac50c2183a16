import type { KubeObject } from '../../kube/objects';
import type { Revision } from '../../kube/rolloutHistory';
import type { Result } from '../../util/result';
import { RevisionNode, RevisionsNode, type RevisionsData } from './nodes/revisionNodes';
import type { WorkloadNode } from './nodes/workloadNode';
import type { TreeNode } from './treeItemSpec';

/** Reads a Deployment's revisions (its ReplicaSets are not watched: they are read when the node opens). */
export type RevisionLoader = (namespace: string, deployment: string) => Promise<Result<readonly Revision[], string>>;

type NodeFactory = <T extends TreeNode>(id: string, create: () => T, update: (node: T) => void) => T;

// Rollout steps change a Deployment many times a second; its revisions are read again at most this often.
const RELOAD_DELAY_MS = 500;

/**
 * The Revisions node under each Deployment and its revision children, for the tree model: loads on expand,
 * reloads when the Deployment's template or rollout progress changes, and tells the model which node changed.
 */
export class RevisionTree {
  private readonly loaded = new Map<string, RevisionsData>();
  private readonly reloadKeys = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly shown = new Map<string, RevisionsNode>();

  constructor(
    private readonly load: RevisionLoader | undefined,
    private readonly node: NodeFactory,
    private readonly fire: (nodes: TreeNode[]) => void,
  ) {}

  /** The Revisions node to show first under a workload: only Deployments have revisions. */
  nodesFor(workload: WorkloadNode): RevisionsNode[] {
    if (!this.load || workload.data.kind !== 'Deployment') return [];
    const key = `${workload.data.namespace}/${workload.data.name}`;
    const data = this.loaded.get(key) ?? {
      namespace: workload.data.namespace,
      deployment: workload.data.name,
      state: 'unread',
      revisions: [],
    };
    const id = `${workload.id}/revisions`;
    const node = this.node(
      id,
      () => new RevisionsNode(id, workload, data),
      (n) => (n.data = data),
    );
    this.shown.set(key, node);
    return [node];
  }

  children(node: RevisionsNode): RevisionNode[] {
    const key = `${node.data.namespace}/${node.data.deployment}`;
    if (!this.loaded.has(key)) this.reload(key, node);
    return [...node.data.revisions].reverse().map((r) => {
      const id = `${node.id}/${r.replicaSet}`;
      return this.node(
        id,
        () => new RevisionNode(id, node, r),
        (n) => (n.revision = r),
      );
    });
  }

  /** A Deployment changed: when its revisions are shown and what they depend on moved, read them again soon. */
  deploymentChanged(deployment: KubeObject | undefined, namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    if (!this.loaded.has(key)) return;
    const status = (deployment?.status ?? {}) as Record<string, unknown>;
    const reloadKey = JSON.stringify([
      deployment?.metadata.generation,
      deployment?.metadata.annotations?.['deployment.kubernetes.io/revision'],
      status.replicas,
      status.updatedReplicas,
      status.readyReplicas,
    ]);
    if (this.reloadKeys.get(key) === reloadKey || this.timers.has(key)) return;
    this.reloadKeys.set(key, reloadKey);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const node = this.shown.get(key);
        if (node) this.reload(key, node);
      }, RELOAD_DELAY_MS),
    );
  }

  reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.loaded.clear();
    this.reloadKeys.clear();
    this.shown.clear();
  }

  private reload(key: string, node: RevisionsNode): void {
    if (!this.load) return;
    const { namespace, deployment } = node.data;
    if (node.data.state === 'unread') node.data = { ...node.data, state: 'loading' };
    if (!this.loaded.has(key)) this.loaded.set(key, node.data);
    void this.load(namespace, deployment).then((answer) => {
      if (this.shown.get(key) !== node) return; // the tree was reset (another context) meanwhile
      const data: RevisionsData = answer.ok
        ? { namespace, deployment, state: 'loaded', revisions: answer.value }
        : { namespace, deployment, state: 'failed', revisions: node.data.revisions, error: answer.error };
      this.loaded.set(key, data);
      node.data = data;
      this.fire([node]);
    });
  }
}
