import type { RenderContext, TreeItemSpec, TreeNode } from '../treeItemSpec';

/** What a namespace folder holds: objects that belong to none of its workloads. */
export type FolderKind = 'pods' | 'services' | 'hpas' | 'routes';

const ICONS: Record<FolderKind, string> = {
  pods: 'symbol-module',
  services: 'plug',
  hpas: 'graph-line',
  routes: 'globe',
};

export class FolderNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    readonly kind: FolderKind,
    public count: number,
  ) {}

  signature(): string {
    return `${this.kind}:${this.count}`;
  }

  render({ t }: RenderContext): TreeItemSpec {
    const labels: Record<FolderKind, string> = {
      pods: t('Pods without a workload'),
      services: t('Services without pods'),
      hpas: t('Autoscalers without a target'),
      routes: t('Other routes'),
    };
    return {
      label: labels[this.kind],
      description: String(this.count),
      icon: { id: ICONS[this.kind] },
      contextValue: `folder.${this.kind}`,
      collapsible: 'collapsed',
    };
  }
}
