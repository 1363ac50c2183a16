import type { IngressRouteView } from '../../../kube/cache/serviceView';
import { md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

export class IngressRouteNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public view: IngressRouteView,
  ) {}

  signature(): string {
    return JSON.stringify(this.view);
  }

  render({ t }: RenderContext): TreeItemSpec {
    const v = this.view;
    return {
      label: `${v.path} → ${v.service}:${v.port}`,
      description: v.url,
      tooltip: `**Ingress** ${md(v.namespace)}/${md(v.ingress)}\n\n${t('Route')}: \`${v.host || '*'}${v.path}\` → ${md(v.service)}:${md(v.port)}\n\n[${v.url}](${v.url})`,
      icon: { id: 'globe' },
      contextValue: 'ingressRoute',
      collapsible: 'none',
    };
  }
}
