import type { ContainerView } from '../../../kube/cache/podView';
import type { ProbeState, ProbeStatus } from '../../../kube/cache/probes';
import type { Localize } from '../l10n';
import {
  ICON_ERROR,
  ICON_OK,
  ICON_PENDING,
  ICON_WARNING,
  md,
  type RenderContext,
  type TreeItemSpec,
  type TreeNode,
} from '../treeItemSpec';

const MARKS: Record<ProbeState, string> = { passing: '✓', failing: '✗', unknown: '?', 'not-configured': '–' };

function probeLine(probe: ProbeStatus, t: Localize): string {
  const state = {
    passing: t('passing'),
    failing: t('failing'),
    unknown: t('unknown'),
    'not-configured': t('not configured'),
  }[probe.state];
  const handler = probe.handler ? ` — \`${probe.handler}\`` : '';
  return `- ${probe.kind}: **${state}**${handler}${probe.message ? `\n  ${md(probe.message)}` : ''}`;
}

export class ContainerNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public view: ContainerView,
  ) {}

  signature(): string {
    return JSON.stringify(this.view);
  }

  private lastTermination(): string {
    const last = this.view.lastTermination;
    if (!last) return '';
    return `${last.reason}${last.exitCode === undefined ? '' : ` (${last.exitCode})`}`;
  }

  render(context: RenderContext): TreeItemSpec {
    return { ...this.row(context), tooltip: this.tooltip(context) };
  }

  private stateText(): string {
    const v = this.view;
    return v.stateReason ? `${v.state}: ${v.stateReason}` : v.state;
  }

  row({ t }: RenderContext): TreeItemSpec {
    const v = this.view;
    const last = this.lastTermination();
    let description = `${this.stateText()} · readiness ${MARKS[v.readiness.state]} · liveness ${MARKS[v.liveness.state]}`;
    if (last) description += ` · ${t('last: {0}', last)}`;
    const icon = v.problem
      ? v.problem.kind === 'readiness'
        ? ICON_WARNING
        : ICON_ERROR
      : v.state === 'running' && v.ready
        ? ICON_OK
        : v.state === 'terminated'
          ? { id: 'debug-stop' }
          : ICON_PENDING;
    return { label: v.name, description, icon, contextValue: 'container', collapsible: 'none' };
  }

  tooltip({ t }: RenderContext): string {
    const v = this.view;
    const last = this.lastTermination();
    return [
      `**${t('Container')}** ${md(v.name)} · \`${v.image}\``,
      `${t('State')}: ${md(this.stateText())} · ${t('Restarts')}: ${v.restarts}${last ? ` · ${t('Last termination')}: ${md(last)}` : ''}`,
      `${probeLine(v.readiness, t)}\n${probeLine(v.liveness, t)}`,
      ...(v.problem ? [`$(error) ${md(v.problem.message)}`] : []),
    ].join('\n\n');
  }
}
