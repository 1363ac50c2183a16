import type { Health, PodView } from '../../../kube/cache/podView';
import {
  formatAge,
  ICON_ERROR,
  ICON_OK,
  ICON_PENDING,
  ICON_WARNING,
  md,
  type IconSpec,
  type RenderContext,
  type TreeItemSpec,
  type TreeNode,
} from '../treeItemSpec';

const HEALTH_ICONS: Record<Health, IconSpec> = {
  ok: ICON_OK,
  warning: ICON_WARNING,
  error: ICON_ERROR,
  pending: ICON_PENDING,
  done: { id: 'circle-large-outline', color: 'disabledForeground' },
};

/** "3 restarts" by translation and count: the same few strings for every pod row, translated once. */
const restartsTexts = new WeakMap<RenderContext['t'], string[]>();
function restartsText(t: RenderContext['t'], restarts: number): string {
  if (restarts >= 100) return t('{0} restarts', restarts);
  let texts = restartsTexts.get(t);
  if (!texts) restartsTexts.set(t, (texts = []));
  return (texts[restarts] ??= t('{0} restarts', restarts));
}

export class PodNode implements TreeNode {
  /** What `view` was built from: the pod object and its Events (the model reuses the view while both are the same). */
  sourceObject: object | undefined;
  sourceEvents: readonly object[] | undefined;

  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public view: PodView,
  ) {}

  signature(): string {
    return JSON.stringify(this.view);
  }

  render(context: RenderContext): TreeItemSpec {
    return { ...this.row(context), tooltip: this.tooltip(context) };
  }

  row({ t, now }: RenderContext): TreeItemSpec {
    const v = this.view;
    const age = formatAge(v.createdAt, now);
    // Built by concatenation, not an array filtered and joined: this runs for every pod row drawn.
    let description = `${v.reason ?? v.phase} · ${v.readyContainers}/${v.containers.length} · ${restartsText(t, v.restarts)}`;
    if (age) description += ` · ${age}`;
    if (v.node) description += ` · ${v.node}`;
    return {
      label: v.name,
      description,
      icon: HEALTH_ICONS[v.health],
      contextValue: 'pod',
      collapsible: v.containers.length > 0 ? 'collapsed' : 'none',
    };
  }

  tooltip({ t }: RenderContext): string {
    const v = this.view;
    const problems = v.containers
      .filter((c) => c.problem)
      .map((c) => `- **${md(c.name)}**: ${md(c.problem?.message ?? '')}`);
    return [
      `**Pod** ${md(v.namespace)}/${md(v.name)}`,
      `${t('Phase')}: ${md(v.phase)}${v.reason ? ` (${md(v.reason)})` : ''} · ${t('Ready')}: ${v.readyContainers}/${v.containers.length} · ${t('Restarts')}: ${v.restarts}`,
      `${t('Node')}: ${md(v.node ?? t('not scheduled'))}${v.podIP ? ` · IP ${v.podIP}` : ''} · ${t('Created')}: ${v.createdAt ?? '?'}`,
      ...(problems.length ? [problems.join('\n')] : []),
    ].join('\n\n');
  }
}
