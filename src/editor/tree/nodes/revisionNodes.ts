import type { Revision } from '../../../kube/rolloutHistory';
import { formatAge, md, type RenderContext, type TreeItemSpec, type TreeNode } from '../treeItemSpec';

/** What the Revisions node knows: the Deployment, and its revisions once they were read. */
export interface RevisionsData {
  readonly namespace: string;
  readonly deployment: string;
  /** `unread`: nobody expanded the node yet, so nothing is being read (and the row says nothing). */
  readonly state: 'unread' | 'loading' | 'loaded' | 'failed';
  readonly revisions: readonly Revision[];
  readonly error?: string;
}

/** "Revisions" under a Deployment: its ReplicaSets as numbered revisions (read on expand, not watched). */
export class RevisionsNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    public data: RevisionsData,
  ) {}

  signature(): string {
    return JSON.stringify(this.data);
  }

  render({ t }: RenderContext): TreeItemSpec {
    const { data } = this;
    const current = data.revisions.find((r) => r.current);
    const description =
      data.state === 'unread'
        ? undefined
        : data.state === 'loading'
          ? t('reading…')
          : data.state === 'failed'
            ? t('cannot read: {0}', data.error ?? '')
            : current
              ? t('current: {0}', current.revision)
              : t('{0} kept', data.revisions.length);
    return {
      label: t('Revisions'),
      description,
      tooltip: t("The ReplicaSets of {0} as rollout revisions. Roll back from a revision's menu.", md(data.deployment)),
      icon: { id: 'history' },
      contextValue: 'revisions',
      collapsible: 'collapsed',
    };
  }
}

/** One revision: number, images, change-cause, age; the current one is marked and cannot be rolled back to. */
export class RevisionNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: RevisionsNode,
    public revision: Revision,
  ) {}

  get namespace(): string {
    return this.parent.data.namespace;
  }

  get deployment(): string {
    return this.parent.data.deployment;
  }

  signature(): string {
    return JSON.stringify(this.revision);
  }

  render({ t, now }: RenderContext): TreeItemSpec {
    const r = this.revision;
    const parts = [
      r.images.join(', '),
      r.changeCause ?? '',
      formatAge(r.created, now),
      r.current ? t('current') : '',
    ].filter(Boolean);
    const tooltip = [
      `**${t('Revision {0}', r.revision)}** · ReplicaSet ${md(r.replicaSet)}`,
      `${t('Images')}:\n${r.images.map((i) => `- \`${i}\``).join('\n')}`,
      `${t('Change cause')}: ${md(r.changeCause ?? t('(none)'))}`,
      t('Replicas: {0} ({1} ready)', r.replicas, r.readyReplicas),
    ].join('\n\n');
    return {
      label: t('Revision {0}', r.revision),
      description: parts.join(' · '),
      tooltip,
      icon: r.current ? { id: 'pass-filled', color: 'testing.iconPassed' } : { id: 'circle-outline' },
      contextValue: r.current ? 'revision.current' : 'revision',
      collapsible: 'none',
    };
  }
}
