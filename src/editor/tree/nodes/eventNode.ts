import type { EventView } from '../../../kube/cache/appRelations';
import { formatAge, ICON_WARNING, md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

/** One Event: reason, how often, how long ago, about which object; the message in the tooltip. */
export class EventNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public view: EventView,
  ) {}

  signature(): string {
    return JSON.stringify(this.view);
  }

  render({ t, now }: RenderContext): TreeItemSpec {
    const v = this.view;
    const age = v.lastSeen ? t('{0} ago', formatAge(v.lastSeen, now)) : '';
    return {
      label: v.reason || v.type,
      description: [v.count > 1 ? `×${v.count}` : '', age, `${v.object.kind} ${v.object.name}`]
        .filter(Boolean)
        .join(' · '),
      tooltip: `**${md(v.type)}** ${md(v.reason)} · ${md(v.object.kind)} ${md(v.object.name)}\n\n${md(v.message)}\n\n${t('Seen {0} times, last at {1}', v.count, v.lastSeen ?? '?')}`,
      icon: v.type === 'Warning' ? ICON_WARNING : { id: 'info' },
      contextValue: 'event',
      collapsible: 'none',
    };
  }
}
