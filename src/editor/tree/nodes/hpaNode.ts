import { countdownText, scaleDownCountdown, type HpaView } from '../../../kube/cache/hpaView';
import { ICON_WARNING, md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

export class HpaNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public view: HpaView,
  ) {}

  signature(): string {
    return JSON.stringify(this.view);
  }

  render({ t, now }: RenderContext): TreeItemSpec {
    const v = this.view;
    const countdown = scaleDownCountdown(v, now);
    const scaleDown =
      countdown === undefined
        ? ''
        : countdown > 0
          ? t('scale-down in {0}', countdownText(countdown))
          : t('scale-down due');
    const cpu =
      v.cpuTarget === undefined ? '' : `cpu ${v.cpuCurrent === undefined ? '?' : `${v.cpuCurrent}%`}/${v.cpuTarget}%`;
    const description = [
      `${v.currentReplicas}/${v.desiredReplicas}`,
      cpu,
      `${v.minReplicas}–${v.maxReplicas}`,
      v.metricsProblem ? t('metrics unavailable') : '',
      scaleDown,
    ]
      .filter(Boolean)
      .join(' · ');
    const tooltip = [
      `**HorizontalPodAutoscaler** ${md(v.namespace)}/${md(v.name)} → ${md(v.target.kind)} ${md(v.target.name)}`,
      t(
        'Replicas: {0} current, {1} desired, {2}–{3} allowed',
        v.currentReplicas,
        v.desiredReplicas,
        v.minReplicas,
        v.maxReplicas,
      ),
      v.cpuTarget === undefined
        ? t('No CPU target')
        : t('CPU: {0} of requests, target {1}%', v.cpuCurrent === undefined ? '?' : `${v.cpuCurrent}%`, v.cpuTarget),
      ...(v.metricsProblem ? [`$(warning) ${md(v.metricsProblem)}`] : []),
      ...(v.scaleDownWindowSeconds === undefined
        ? []
        : [
            t(
              'Scale-down held back by the {0} stabilisation window (counted from when it was first seen here).',
              countdownText(v.scaleDownWindowSeconds),
            ),
          ]),
    ].join('\n\n');
    return {
      label: v.name,
      description,
      tooltip,
      icon: v.metricsProblem ? ICON_WARNING : { id: 'graph-line' },
      contextValue: 'hpa',
      collapsible: 'none',
    };
  }
}
