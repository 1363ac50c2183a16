import * as vscode from 'vscode';
import type { PreflightAction, PreflightCheck, PreflightReport } from '../../kube/preflight';

export type PreflightDecision = 'continue' | 'cancel';
/** Deploy's preflight decides whether the deploy goes on; Check Cluster's only reports (and acts on fixes). */
export type PreflightPurpose = 'deploy' | 'check';

/** What the quick pick can do about a check; each returns whether it changed something worth re-checking. */
export interface PreflightHandlers {
  buildAndLoadImages(): Promise<boolean>;
  setIngressClass(className: string): Promise<boolean>;
  setIngressHost(host: string): Promise<boolean>;
  /** Adds the optional metrics-server component to the workspace's manifests (a visible edit). */
  addMetricsServer(): Promise<boolean>;
  rerun(): Promise<PreflightReport>;
}

const ICON = { ok: '$(pass)', warn: '$(warning)', blocker: '$(error)' } as const;

interface Item extends vscode.QuickPickItem {
  readonly decision?: PreflightDecision;
  readonly check?: PreflightCheck;
}

function actionLabel(action: PreflightAction, purpose: PreflightPurpose): string {
  switch (action.kind) {
    case 'build-and-load-images':
      return purpose === 'check'
        ? vscode.l10n.t('Build and Load Images')
        : vscode.l10n.t('Build and Load Images, then continue the deploy');
    case 'set-ingress-class':
      return vscode.l10n.t('Set ingressClassName: {0} in the Ingress manifest', action.className);
    case 'set-ingress-host':
      return vscode.l10n.t('Use the host {0} in the Ingress manifest', action.host);
    case 'add-metrics-server':
      return vscode.l10n.t('Add the metrics-server component to the manifests');
  }
}

function items(report: PreflightReport, purpose: PreflightPurpose): Item[] {
  const blockers = report.checks.filter((c) => c.status === 'blocker').length;
  const decisions: Item[] =
    purpose === 'check'
      ? [{ label: `$(check) ${vscode.l10n.t('Done')}`, decision: 'cancel', alwaysShow: true }]
      : blockers > 0
        ? [
            {
              label: `$(close) ${vscode.l10n.t('Stop: fix the blocker(s) first')}`,
              decision: 'cancel',
              alwaysShow: true,
            },
            {
              label: `$(warning) ${vscode.l10n.t('Deploy Anyway')}`,
              detail: vscode.l10n.t('{0} blocker(s): parts of the stack will fail.', blockers),
              decision: 'continue',
              alwaysShow: true,
            },
          ]
        : [
            {
              label: `$(arrow-right) ${vscode.l10n.t('Continue to the dry run')}`,
              decision: 'continue',
              alwaysShow: true,
            },
          ];
  const order = { blocker: 0, warn: 1, ok: 2 } as const;
  const checks = [...report.checks]
    .sort((a, b) => order[a.status] - order[b.status])
    .map((c): Item => ({
      label: `${ICON[c.status]} ${c.id}`,
      description:
        c.status === 'ok'
          ? c.message
          : c.action
            ? actionLabel(c.action, purpose)
            : vscode.l10n.t('Select to copy the fix'),
      detail: c.status === 'ok' ? undefined : `${c.message}${c.fix ? ` — ${vscode.l10n.t('Fix')}: ${c.fix}` : ''}`,
      check: c,
    }));
  return [
    ...decisions,
    { label: vscode.l10n.t('Checks (select one to act on its fix)'), kind: vscode.QuickPickItemKind.Separator },
    ...checks,
  ];
}

function title(report: PreflightReport, purpose: PreflightPurpose): string {
  const sim = report.profile.simulated ? vscode.l10n.t(', starter-sim simulator') : '';
  return vscode.l10n.t(
    purpose === 'check'
      ? 'Starter Stack: preflight of {0} ({1}{2})'
      : 'Deploy Starter Stack: preflight of {0} ({1}{2})',
    report.cluster.context,
    report.profile.label,
    sim,
  );
}

/** Runs a check's fix action; whether it changed something worth checking again. */
function act(action: PreflightAction, handlers: PreflightHandlers): Promise<boolean> {
  switch (action.kind) {
    case 'build-and-load-images':
      return handlers.buildAndLoadImages();
    case 'set-ingress-class':
      return handlers.setIngressClass(action.className);
    case 'set-ingress-host':
      return handlers.setIngressHost(action.host);
    case 'add-metrics-server':
      return handlers.addMetricsServer();
  }
}

/**
 * Shows the preflight when a check is not ok; blockers stop the deploy unless the user picks "Deploy Anyway".
 * Build and Load Images runs the pipeline and, when the blockers are gone, continues the deploy by itself.
 */
export async function reviewPreflight(
  first: PreflightReport,
  handlers: PreflightHandlers,
  purpose: PreflightPurpose = 'deploy',
): Promise<PreflightDecision> {
  let report = first;
  for (;;) {
    if (report.checks.every((c) => c.status === 'ok')) return 'continue';
    const picked = await vscode.window.showQuickPick(items(report, purpose), {
      title: title(report, purpose),
      placeHolder:
        purpose === 'check'
          ? vscode.l10n.t('Pick a check to act on its fix')
          : vscode.l10n.t('Continue, or pick a check to act on its fix'),
      ignoreFocusOut: true,
      matchOnDetail: true,
    });
    if (!picked) return 'cancel';
    if (picked.decision) return picked.decision;
    const check = picked.check;
    if (!check || check.status === 'ok') continue;
    const action = check.action;
    if (!action) {
      await vscode.env.clipboard.writeText(check.fix ?? '');
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Copied the fix for {0}: {1}', check.id, check.fix ?? ''),
      );
      continue;
    }
    if (!(await act(action, handlers))) continue;
    report = await handlers.rerun();
    const blocked = report.checks.some((c) => c.status === 'blocker');
    if (purpose === 'deploy' && action.kind === 'build-and-load-images' && !blocked) return 'continue';
  }
}
