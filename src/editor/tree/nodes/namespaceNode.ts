import type { StackHealth } from '../../../kube/cache/stackHealth';
import { ICON_WARNING, md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

export interface NamespaceData {
  readonly name: string;
  /** The namespace the stack is deployed to (the `starterStack.namespace` setting). */
  readonly isStack: boolean;
  readonly watch: 'closed' | 'syncing' | 'synced' | 'partial' | 'forbidden';
  /** Kinds the user may not list here, when some are forbidden. */
  readonly forbiddenKinds: readonly string[];
  readonly health?: StackHealth;
  /** Warning Events in the namespace now (the Cluster view watches only warnings). */
  readonly warnings: number;
}

export class NamespaceNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public data: NamespaceData,
  ) {}

  signature(): string {
    return JSON.stringify(this.data);
  }

  private description(t: RenderContext['t']): string {
    const { data } = this;
    if (data.watch === 'forbidden') return t('no access');
    if (data.watch === 'syncing') return t('loading…');
    const health = data.health && data.health.total > 0 ? t('{0}/{1} ready', data.health.ready, data.health.total) : '';
    const warnings = data.warnings === 1 ? t('1 warning') : data.warnings > 1 ? t('{0} warnings', data.warnings) : '';
    return [data.isStack ? t('stack') : '', health, warnings].filter(Boolean).join(' · ');
  }

  render({ t }: RenderContext): TreeItemSpec {
    const { data } = this;
    const unhealthy = (data.health !== undefined && data.health.ready < data.health.total) || data.warnings > 0;
    const notReady =
      data.health?.notReady.map((w) => `- ${w.kind} **${md(w.name)}**: ${md(w.message)}`).join('\n') ?? '';
    const forbidden =
      data.forbiddenKinds.length > 0 ? `\n\n${t('No permission to watch: {0}', data.forbiddenKinds.join(', '))}` : '';
    return {
      label: data.name,
      description: this.description(t),
      tooltip: `**${t('Namespace')}** ${md(data.name)}${notReady ? `\n\n${notReady}` : ''}${forbidden}`,
      icon:
        data.watch === 'forbidden' || unhealthy ? ICON_WARNING : { id: data.isStack ? 'package' : 'symbol-namespace' },
      contextValue: data.isStack ? 'namespace.stack' : 'namespace',
      collapsible: data.isStack ? 'expanded' : 'collapsed',
    };
  }
}
