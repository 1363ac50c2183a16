import type { ConnectionState } from '../../../kube/cache/clusterCache';
import { describeProfile, type ClusterProfile } from '../../../kube/clusterProfile';
import { md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

/** The root: the kubeconfig context being watched. */
export class ContextNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly id: string,
    public contextName: string,
    public server: string,
    public connection: ConnectionState,
    public profile: ClusterProfile,
  ) {}

  signature(): string {
    return JSON.stringify([
      this.contextName,
      this.server,
      this.connection.state,
      this.profile.flavour,
      this.profile.simulated,
    ]);
  }

  render({ t }: RenderContext): TreeItemSpec {
    const connected = this.connection.state === 'connected';
    return {
      label: this.contextName,
      description: `${this.profile.flavour === 'unknown' ? '' : `${this.profile.label}${this.profile.simulated ? ` (${t('simulator')})` : ''} · `}${connected ? new URL(this.server).host : t('connecting…')}`,
      tooltip: `**${md(this.contextName)}**\n\n${t('Cluster')}: ${md(describeProfile(this.profile))} (${t('detected from {0}', md(this.profile.evidence))})\n\n${t('Server')}: \`${this.server}\`\n\n${t('Click the status bar item or use Switch Context to change it.')}`,
      icon: { id: connected ? 'cloud' : 'loading~spin' },
      contextValue: 'context',
      collapsible: 'expanded',
    };
  }
}
