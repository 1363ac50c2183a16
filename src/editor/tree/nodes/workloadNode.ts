import type { WorkloadKind } from '../../../kube/cache/ownership';
import type { RolloutState } from '../../../kube/workloadStatus';
import {
  ICON_ERROR,
  ICON_OK,
  ICON_PENDING,
  md,
  type RenderContext,
  type TreeItemSpec,
  type TreeNode,
} from '../treeItemSpec';

export interface WorkloadData {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  readonly rollout: RolloutState;
  /** `ready/desired` as the workload's status counts them. */
  readonly ready: number;
  readonly desired: number;
  readonly images: readonly string[];
}

const KIND_ICONS: Record<WorkloadKind, string> = {
  Deployment: 'rocket',
  StatefulSet: 'database',
  DaemonSet: 'server-environment',
};

export class WorkloadNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public data: WorkloadData,
  ) {}

  signature(): string {
    return JSON.stringify(this.data);
  }

  get ref(): { kind: WorkloadKind; namespace: string; name: string } {
    return { kind: this.data.kind, namespace: this.data.namespace, name: this.data.name };
  }

  render({ t }: RenderContext): TreeItemSpec {
    const { data } = this;
    const icon = data.rollout.ready
      ? { ...ICON_OK, id: KIND_ICONS[data.kind] }
      : data.rollout.failed
        ? ICON_ERROR
        : ICON_PENDING;
    const images = data.images.map((i) => `- \`${i}\``).join('\n');
    return {
      label: data.name,
      description: `${data.kind} · ${t('{0}/{1} ready', data.ready, data.desired)}${data.rollout.ready ? '' : ` · ${data.rollout.message}`}`,
      tooltip: `**${data.kind}** ${md(data.namespace)}/${md(data.name)}\n\n${md(data.rollout.message)}\n\n${t('Images')}:\n${images}`,
      icon,
      // Menus match on this: every workload restarts and reveals; DaemonSets do not scale.
      contextValue: `workload.${data.kind}${data.kind === 'DaemonSet' ? '' : '.scalable'}`,
      collapsible: 'collapsed',
    };
  }
}
