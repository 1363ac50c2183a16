import type { EventView } from '../../../kube/cache/appRelations';
import { formatAge, ICON_WARNING, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

/** A workload's recent Events (its own, its pods' and its autoscaler's), warnings first. Open by itself when there are warnings. */
export class EventsNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public events: readonly EventView[],
  ) {}

  signature(): string {
    return JSON.stringify(this.events);
  }

  get warnings(): number {
    return this.events.filter((e) => e.type === 'Warning').length;
  }

  render({ t, now }: RenderContext): TreeItemSpec {
    const warnings = this.warnings;
    const latest = this.events.reduce<string | undefined>(
      (last, e) => (e.lastSeen && (!last || e.lastSeen > last) ? e.lastSeen : last),
      undefined,
    );
    const count =
      warnings === 1
        ? t('1 warning')
        : warnings > 1
          ? t('{0} warnings', warnings)
          : this.events.length > 0
            ? t('{0} events', this.events.length)
            : t('no recent warnings');
    const description = [count, latest ? t('last {0} ago', formatAge(latest, now)) : ''].filter(Boolean).join(' · ');
    return {
      label: t('Events'),
      description,
      tooltip: t(
        'Recent Events of this workload, its pods and its autoscaler, warnings first. The Cluster view watches Warning events only.',
      ),
      icon: warnings > 0 ? ICON_WARNING : { id: 'history' },
      contextValue: 'events',
      collapsible: warnings > 0 ? 'expanded' : this.events.length > 0 ? 'collapsed' : 'none',
    };
  }
}
