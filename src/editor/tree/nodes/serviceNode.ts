import type { ServiceView } from '../../../kube/cache/serviceView';
import { ICON_WARNING, md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

export class ServiceNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public view: ServiceView,
  ) {}

  signature(): string {
    return JSON.stringify(this.view);
  }

  render({ t }: RenderContext): TreeItemSpec {
    const v = this.view;
    const total = v.readyEndpoints + v.notReadyEndpoints;
    const endpoints = v.hasSelector ? t('{0}/{1} endpoints ready', v.readyEndpoints, total) : t('no selector');
    const noBackends = v.hasSelector && v.readyEndpoints === 0;
    const tooltip = [
      `**Service** ${md(v.namespace)}/${md(v.name)} · ${v.type}${v.clusterIP ? ` · ${v.clusterIP}` : ''}`,
      `${t('Ports')}: ${v.ports.join(', ') || '–'}`,
      noBackends ? `$(warning) ${t('No ready endpoints: requests to this service fail.')}` : endpoints,
    ].join('\n\n');
    return {
      label: v.name,
      description: [v.type, v.ports.join(', '), endpoints].filter(Boolean).join(' · '),
      tooltip,
      icon: noBackends ? ICON_WARNING : { id: 'plug' },
      contextValue: 'service',
      collapsible: 'none',
    };
  }
}
