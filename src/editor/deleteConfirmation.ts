// The Delete Stack modal's content, without VS Code: what it asks, the counts by kind, its buttons.
import { countsByKind, planTargets, type DeletePlan } from '../kube/delete';

/** vscode.l10n.t's shape, so the text is translated by the caller and tested without VS Code. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export interface DeleteConfirmation {
  readonly message: string;
  /** Counts by kind, one per line, then what is not touched. */
  readonly detail: string;
  /** `keep`: without PersistentVolumeClaims; `all`: with them (only offered when there are some). */
  readonly buttons: ReadonlyArray<{ readonly title: string; readonly choice: 'keep' | 'all' }>;
}

/** The plan without PersistentVolumeClaims: the databases' data is kept unless asked. */
export function withoutPvcs(plan: DeletePlan): DeletePlan {
  return { ...plan, groups: plan.groups.map((g) => g.filter((t) => t.ref.kind !== 'PersistentVolumeClaim')) };
}

/** `all` is the plan with PersistentVolumeClaims; the question counts what the first button deletes. */
export function deleteConfirmation(all: DeletePlan, t: Translate): DeleteConfirmation {
  const kept = withoutPvcs(all);
  const pvcs = planTargets(all).length - planTargets(kept).length;
  const counts = countsByKind(kept)
    .map(([kind, n]) => `${n} ${kind}`)
    .join('\n');
  const notes = [
    t(
      'Only objects of namespace {0} and its own ClusterRoles and ClusterRoleBindings; stacks in other namespaces are not touched.',
      all.namespace,
    ),
    pvcs > 0
      ? t('{0} PersistentVolumeClaim(s) (database data) are kept unless you choose "Delete, with database data".', pvcs)
      : '',
  ];
  return {
    message: t('Delete {0} object(s) of the stack in namespace {1}?', planTargets(kept).length, all.namespace),
    detail: [counts, ...notes].filter(Boolean).join('\n\n'),
    buttons: [
      { title: t('Delete'), choice: 'keep' },
      ...(pvcs > 0 ? [{ title: t('Delete, with database data'), choice: 'all' as const }] : []),
    ],
  };
}
