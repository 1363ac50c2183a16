import type { RenderContext, TreeItemSpec, TreeNode } from '../treeItemSpec';
import { ICON_ERROR, ICON_PENDING, ICON_WARNING } from '../treeItemSpec';

export type MessageKind =
  'unreachable' | 'unauthorized' | 'noCluster' | 'connecting' | 'loading' | 'forbidden' | 'empty';

/** A one-line explanation instead of data: unreachable cluster (with Retry), no access, loading, nothing here. */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public kind: MessageKind,
    public detail: string,
  ) {}

  signature(): string {
    return `${this.kind}|${this.detail}`;
  }

  render({ t }: RenderContext): TreeItemSpec {
    switch (this.kind) {
      case 'unreachable':
      case 'unauthorized':
        return {
          label:
            this.kind === 'unreachable' ? t('Cannot reach the cluster') : t('The cluster rejected the credentials'),
          description: t('Retry'),
          tooltip: `${this.detail}\n\n${t('Watches retry on their own with backoff; Retry tries now.')}`,
          icon: ICON_ERROR,
          contextValue: 'clusterUnreachable',
          collapsible: 'none',
          command: { command: 'starterStack.retryConnection', title: t('Retry') },
        };
      case 'noCluster':
        return {
          label: t('No cluster'),
          description: this.detail,
          tooltip: this.detail,
          icon: { id: 'circle-slash' },
          contextValue: 'noCluster',
          collapsible: 'none',
          command: { command: 'starterStack.switchContext', title: t('Switch Context') },
        };
      case 'forbidden':
        return {
          label: t('No access'),
          description: this.detail,
          tooltip: this.detail,
          icon: ICON_WARNING,
          contextValue: 'message',
          collapsible: 'none',
        };
      case 'connecting':
      case 'loading':
        return {
          label: this.kind === 'connecting' ? t('Connecting…') : t('Loading…'),
          description: this.detail,
          icon: ICON_PENDING,
          contextValue: 'message',
          collapsible: 'none',
        };
      case 'empty':
        return { label: this.detail, icon: { id: 'info' }, contextValue: 'message', collapsible: 'none' };
    }
  }
}
