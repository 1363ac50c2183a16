import * as vscode from 'vscode';
import { hpaTargeting } from '../../kube/cache/appRelations';
import type { LiveSession } from '../../kube/cache/connect';
import { num, rec } from '../../kube/cache/fields';
import { WATCHED_KINDS } from '../../kube/cache/kinds';
import type { WorkloadRef } from '../../kube/cache/ownership';
import { objectPath } from '../../kube/resources';
import { showFailure } from '../tree/commandTargets';

const MAX_REPLICAS = 1000;
const BOUNDS = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/;

/**
 * Before scaling a workload an autoscaler manages: says so (the autoscaler undoes a hand-set count) and offers to
 * edit its bounds instead. Returns whether to go on and scale by hand.
 */
export async function scaleDespiteAutoscaler(session: LiveSession, target: WorkloadRef): Promise<boolean> {
  const hpa = hpaTargeting(session.cache.list('HorizontalPodAutoscaler', target.namespace), target.kind, target.name);
  if (!hpa) return true;
  const spec = rec(hpa.spec);
  const min = num(spec.minReplicas) ?? 1;
  const max = num(spec.maxReplicas) ?? min;
  const edit = vscode.l10n.t('Edit Autoscaler Bounds');
  const anyway = vscode.l10n.t('Scale Anyway');
  const detail = vscode.l10n.t(
    'HorizontalPodAutoscaler {0} keeps {1} between {2} and {3} replicas and sets the count itself: a count set by hand is undone at its next sync.',
    hpa.metadata.name,
    target.name,
    min,
    max,
  );
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} {1} is scaled by an autoscaler', target.kind, target.name),
    { modal: true, detail },
    edit,
    anyway,
  );
  if (choice === edit) await editBounds(session, hpa.metadata.name, target.namespace, `${min}-${max}`);
  return choice === anyway;
}

async function editBounds(session: LiveSession, name: string, namespace: string, current: string): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Replica bounds of HorizontalPodAutoscaler {0} (min-max)', name),
    value: current,
    validateInput: (v) => {
      const m = BOUNDS.exec(v);
      return m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]) && Number(m[2]) <= MAX_REPLICAS
        ? undefined
        : vscode.l10n.t('Two whole numbers, min-max, with 1 ≤ min ≤ max ≤ {0}', MAX_REPLICAS);
    },
  });
  const m = input === undefined ? null : BOUNDS.exec(input);
  if (!m) return;
  const info = WATCHED_KINDS.HorizontalPodAutoscaler;
  const answer = await session.client.send(
    {
      method: 'PATCH',
      path: objectPath(info.apiVersion, info, name, namespace),
      body: { spec: { minReplicas: Number(m[1]), maxReplicas: Number(m[2]) } },
      contentType: 'application/merge-patch+json',
    },
    { verb: 'patch', plural: info.plural, group: 'autoscaling', namespace, name },
  );
  if (!answer.ok) return showFailure(answer.error);
  vscode.window.setStatusBarMessage(
    vscode.l10n.t('Autoscaler {0} now keeps {1}–{2} replicas', name, m[1] ?? '', m[2] ?? ''),
    5000,
  );
}
