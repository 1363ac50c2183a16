import * as vscode from 'vscode';
import type { ApplyReport } from '../../kube/applyResult';
import type { ManifestEntry } from '../../kube/manifests';
import type { RolloutReport } from '../../kube/rollout';

/** What Deploy returns to its caller (tests, other extensions): counts and problems, never object contents. */
export interface DeploySummary {
  readonly context: string;
  readonly namespace: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly interrupted?: string;
  /** Set when the rollout was followed. */
  readonly ready?: boolean;
  readonly problems: readonly string[];
  /** The rollout stopped early because an image cannot be pulled: Build and Load Images, then deploy again, fixes it. */
  readonly imagesMissing?: boolean;
}

export function summarize(
  context: string,
  namespace: string,
  report: ApplyReport,
  rollout: RolloutReport | undefined,
): DeploySummary {
  const counts: Record<string, number> = {};
  for (const r of report.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const failed = report.results
    .filter((r) => r.status === 'failed' || r.status === 'conflict' || r.status === 'unknown')
    .map((r) => `${r.ref.kind} ${r.ref.name}: ${r.message ?? r.status}`);
  const notReady = (rollout?.workloads ?? [])
    .filter((w) => !w.state.ready)
    .map((w) =>
      w.failure
        ? `${w.target.kind} ${w.target.name}${w.failure.location ? ` (${w.failure.location})` : ''}: ${w.failure.message}`
        : `${w.target.kind} ${w.target.name}: ${[w.state.message, ...w.problems.map((p) => `${p.pod}: ${p.message}`)].join('; ')}`,
    );
  const imagesMissing = rollout?.workloads.some((w) => w.failure?.cause === 'image') === true ? true : undefined;
  return {
    context,
    namespace,
    counts,
    interrupted: report.interrupted,
    ready: rollout?.ready,
    problems: [...failed, ...notReady],
    imagesMissing,
  };
}

/** The URL of the stack's Ingress, from the manifests that were applied. */
export function ingressUrl(entries: readonly ManifestEntry[]): string | undefined {
  const ingress = entries.find((e) => e.object.kind === 'Ingress')?.object as
    { spec?: { rules?: Array<{ host?: string }> } } | undefined;
  const host = ingress?.spec?.rules?.[0]?.host;
  return host ? `http://${host}/` : undefined;
}

/** Ends the deploy with one message and the next steps; details go to the output channel. */
export async function showSummary(
  summary: DeploySummary,
  url: string | undefined,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const counts = Object.entries(summary.counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const openTree = vscode.l10n.t('Open Cluster View');
  const openLogs = vscode.l10n.t('Open Logs');
  const openAppLabel = vscode.l10n.t('Open App');
  const details = vscode.l10n.t('Show Details');
  const buildImages = vscode.l10n.t('Build and Load Images');
  const hasPanel = (await vscode.commands.getCommands(true)).includes('starterStack.openObservability');
  let choice: string | undefined;
  if (summary.interrupted || summary.problems.length > 0 || summary.ready === false) {
    for (const p of summary.problems) log.warn(`deploy: ${p}`);
    const why =
      summary.interrupted ??
      (summary.imagesMissing
        ? vscode.l10n.t('images cannot be pulled: {0}', summary.problems.join('; '))
        : vscode.l10n.t('{0} problem(s)', summary.problems.length));
    const actions = summary.imagesMissing ? [buildImages, details] : [details, openTree];
    choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Deploy Starter Stack to {0}/{1}: {2} ({3}).', summary.context, summary.namespace, why, counts),
      ...actions,
    );
  } else {
    const ready = summary.ready ? vscode.l10n.t(', all workloads available') : '';
    const actions = [openTree, ...(hasPanel ? [openLogs] : []), openAppLabel];
    choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Starter Stack deployed to {0}/{1}: {2}{3}.', summary.context, summary.namespace, counts, ready),
      ...actions,
    );
  }
  if (choice === buildImages) await buildImagesAndRedeploy(summary);
  if (choice === details) log.show(true);
  if (choice === openTree) await vscode.commands.executeCommand('starterStack.cluster.focus');
  if (choice === openLogs)
    await vscode.commands.executeCommand('starterStack.openObservability', { namespace: summary.namespace });
  if (choice === openAppLabel) await openApp(url, summary.namespace, log);
}

/**
 * Opens the app: the Ingress URL if it answers (a short request), else a port-forward to the frontend Service
 * on a free local port, saying why and offering to stop it. Either URL goes through asExternalUri, so a remote or
 * web window (code-server) opens what reaches it from the browser's machine.
 */
export async function openApp(
  url: string | undefined,
  namespace: string,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  const { chooseAppUrl } = await import('../../kube/appUrl');
  const forward = async () => {
    const started = await vscode.commands.executeCommand<{ url: string } | undefined>('starterStack.portForward', {
      service: { namespace, name: 'frontend' },
    });
    return started?.url;
  };
  const choice = await chooseAppUrl(url, forward);
  if (!choice) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Open App: {0} does not answer and the frontend Service has no ready pod to forward to.',
        url ?? vscode.l10n.t('the app'),
      ),
    );
    return undefined;
  }
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(choice.url));
  if (choice.reason) {
    log.info(`open app: ${choice.reason}; opening ${choice.url} (port-forward to service ${namespace}/frontend)`);
    offerToStop(choice.reason, choice.url, external);
  }
  await vscode.env.openExternal(external);
  return choice.url;
}

/** Says why Open App fell back to a port-forward, where it listens and what opens; its button stops the forward. */
function offerToStop(reason: string, local: string, external: vscode.Uri): void {
  const address = new URL(local).host;
  const stop = vscode.l10n.t('Stop Port Forward');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        '{0}, so the app opens through a port-forward from {1} to the frontend Service: {2}',
        reason,
        address,
        external.toString(true),
      ),
      stop,
    )
    .then(async (picked) => {
      if (picked !== stop) return;
      const stopped = await vscode.commands.executeCommand<{ stopped: boolean } | undefined>(
        'starterStack.portForward',
        { stop: local },
      );
      void vscode.window.showInformationMessage(
        stopped?.stopped
          ? vscode.l10n.t('Stopped the port-forward from {0} to the frontend Service.', address)
          : vscode.l10n.t('The port-forward from {0} had already stopped.', address),
      );
    });
}

/** The way out of an image pull failure: build and load the app images, then the same deploy again. */
async function buildImagesAndRedeploy(summary: DeploySummary): Promise<void> {
  const built = await vscode.commands.executeCommand<{ ok: boolean } | undefined>('starterStack.buildImages');
  if (built?.ok)
    await vscode.commands.executeCommand('starterStack.deploy', {
      context: summary.context,
      namespace: summary.namespace,
    });
}
