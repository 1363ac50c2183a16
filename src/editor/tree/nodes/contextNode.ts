import type { ConnectionState } from '../../../kube/cache/clusterCache';
import { md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

/** The root: the kubeconfig context being watched. */
export class ContextNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly id: string,
    public contextName: string,
    public server: string,
    public connection: ConnectionState,
  ) {}

  signature(): string {
    return JSON.stringify([this.contextName, this.server, this.connection.state]);
  }

  render({ t }: RenderContext): TreeItemSpec {
    const connected = this.connection.state === 'connected';
    return {
      label: this.contextName,
      description: connected ? new URL(this.server).host : t('connecting…'),
      tooltip: `**${md(this.contextName)}**\n\n${t('Server')}: \`${this.server}\`\n\n${t('Click the status bar item or use Switch Context to change it.')}`,
      icon: { id: connected ? 'cloud' : 'loading~spin' },
      contextValue: 'context',
      collapsible: 'expanded',
    };
  }
}
