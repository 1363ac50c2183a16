import * as vscode from 'vscode';
import type { ApplyOptions } from '../../kube/apply';
import type { ApplyReport } from '../../kube/applyResult';
import type { ManifestEntry } from '../../kube/manifests';
import type { RolloutReport } from '../../kube/rollout';
import type { ClusterSession } from '../../kube/session';
import { CONTEXT_KEYS } from '../commandIds';
import { pickDeployTarget, type DeployTarget } from '../deploy/pickTarget';
import { runDeployPreflight } from '../deploy/preflight';
import { reviewDryRun, type ReviewDecision } from '../deploy/reviewDryRun';
import { ingressUrl, showSummary, summarize, type DeploySummary } from '../deploy/summary';
import { withCancellableProgress } from '../progress';
import type { ProposedContentProvider } from '../proposedContent';
import { readSettings } from '../settings';
import type { Command } from './command';
import type { GenerateManifestsCommand } from './generateManifests';

/** The non-interactive form (tests, tasks): no pickers, no dry-run review. */
export interface DeployRequest {
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  /** Folder of manifests, relative to the workspace folder (default: the output folder setting). */
  folder?: string;
  force?: boolean;
  wait?: boolean;
  timeoutSeconds?: number;
  /** Deploy even when the preflight finds a blocker (the non-interactive "Deploy Anyway"). */
  deployAnyway?: boolean;
}

const isDeployRequest = (value: unknown): value is DeployRequest =>
  typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
const DEFAULT_TIMEOUT_S = 300;

/** "Deploy Starter Stack": dry run, review, apply in waves, follow the rollout, summarise. Cancellable throughout. */
export class DeployStackCommand implements Command {
  readonly id = 'starterStack.deploy';

  constructor(
    private readonly generate: GenerateManifestsCommand,
    private readonly proposed: ProposedContentProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async execute(arg?: unknown): Promise<DeploySummary | undefined> {
    const request = isDeployRequest(arg) ? arg : undefined;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) return this.fail(vscode.l10n.t('Open a folder first: Deploy uses the manifests in the workspace.'));
    const settings = readSettings(root);
    const { resolveClusterTarget } = await import('../../kube/kubeconfig');
    const base = await resolveClusterTarget({ file: request?.kubeconfig, context: request?.context });
    if (!base.ok) return this.fail(base.error);
    const target = request
      ? { context: base.value.contextName, namespace: request.namespace ?? settings.namespace }
      : await pickDeployTarget(base.value, settings.namespace);
    if (!target) return undefined;
    const folder = request?.folder ?? settings.outputFolder;
    const loaded = await this.manifests(root, folder, target);
    if (!loaded) return undefined;
    const { openCluster } = await import('../../kube/session');
    const session = await openCluster({
      file: request?.kubeconfig,
      context: target.context,
      namespace: target.namespace,
    });
    if (!session.ok) return this.fail(session.error);
    try {
      const entries = await runDeployPreflight({
        session: session.value,
        entries: loaded,
        root,
        dir: vscode.Uri.joinPath(root, folder),
        request,
        log: this.log,
      });
      if (!entries) return undefined;
      return await this.deploy(session.value, entries, target, request);
    } finally {
      session.value.dispose();
    }
  }

  /** The workspace's manifests (with the user's edits); generated first when there are none. */
  private async manifests(
    root: vscode.Uri,
    folder: string,
    target: DeployTarget,
  ): Promise<ManifestEntry[] | undefined> {
    const dir = vscode.Uri.joinPath(root, folder);
    const exists = await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, 'kustomization.yaml')).then(
      () => true,
      () => false,
    );
    if (!exists) {
      this.log.info(`deploy: no manifests in ${dir.fsPath}; generating them first`);
      const generated = await this.generate.execute({
        outDir: folder,
        options: { namespace: target.namespace },
        onConflict: 'skip',
      });
      if (!generated) return undefined;
    }
    const { loadManifests } = await import('../../kube/manifests');
    // A fresh clone has no secrets.env (it is not in git): it is created with new passwords, and the user told why that matters.
    const loaded = await loadManifests(dir.fsPath, {
      createMissingSecrets: true,
      onNote: (note) => void vscode.window.showWarningMessage(note),
    });
    return loaded.ok ? loaded.value : this.fail(loaded.error);
  }

  private async deploy(
    session: ClusterSession,
    entries: ManifestEntry[],
    target: DeployTarget,
    request: DeployRequest | undefined,
  ): Promise<DeploySummary | undefined> {
    const where = `${target.context}/${target.namespace}`;
    this.log.info(`deploy: ${entries.length} objects to ${session.target.server} (${where})`);
    const decision = request ? (request.force ? 'force' : 'apply') : await this.review(session, entries, target);
    if (decision === undefined || decision === 'cancel') return undefined;
    const started = Date.now();
    const report = await this.applyWithProgress(
      session,
      entries,
      target,
      { force: decision === 'force' },
      vscode.l10n.t('Deploying Starter Stack to {0}', where),
    );
    const wait = report.interrupted === undefined && request?.wait !== false;
    const rollout = wait
      ? await this.followRollout(session, report, entries, started, request?.timeoutSeconds ?? DEFAULT_TIMEOUT_S)
      : undefined;
    const summary = summarize(target.context, target.namespace, report, rollout);
    if (summary.interrupted === undefined && summary.problems.length === 0 && summary.ready !== false)
      await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.deployed, true);
    void showSummary(summary, ingressUrl(entries), this.log);
    return summary;
  }

  /**
   * The dry run and its review; "Create namespace first" creates it (the one real change before the review ends)
   * and runs the dry run again, so the server checks every object. Undefined when the dry run was interrupted.
   */
  private async review(
    session: ClusterSession,
    entries: ManifestEntry[],
    target: DeployTarget,
  ): Promise<Exclude<ReviewDecision, 'create-namespace'> | undefined> {
    const where = `${target.context}/${target.namespace}`;
    for (;;) {
      const dryRun = await this.applyWithProgress(
        session,
        entries,
        target,
        { dryRun: true },
        vscode.l10n.t('Starter Stack: checking what would change in {0}', where),
      );
      if (dryRun.interrupted) return this.fail(dryRun.interrupted);
      const decision = await reviewDryRun(dryRun, this.proposed);
      if (decision !== 'create-namespace') return decision;
      const created = await this.applyWithProgress(
        session,
        namespaceEntries(entries, target.namespace),
        target,
        {},
        vscode.l10n.t('Starter Stack: creating namespace {0}', target.namespace),
      );
      const problem = created.interrupted ?? created.results.find((r) => r.status === 'failed')?.message;
      if (problem !== undefined)
        return this.fail(vscode.l10n.t('could not create namespace {0}: {1}', target.namespace, problem));
    }
  }

  private async applyWithProgress(
    session: ClusterSession,
    entries: ManifestEntry[],
    target: DeployTarget,
    extra: Partial<ApplyOptions>,
    title: string,
  ): Promise<ApplyReport> {
    const [{ applyInWaves }, { applyText }] = await Promise.all([
      import('../../kube/apply'),
      import('../../kube/applyText'),
    ]);
    return withCancellableProgress(title, async (progress, signal) => {
      const report = await applyInWaves(session.client, entries, {
        namespace: target.namespace,
        overrideNamespace: true,
        signal,
        ...extra,
        onProgress: (p) => {
          if (p.type === 'wave') progress.report({ message: applyText.wave(p) });
          else {
            progress.report({ increment: 100 / p.total });
            this.log.info(`${extra.dryRun ? 'dry run ' : ''}${applyText.object(p.result).trim()}`);
          }
        },
      });
      this.log.info(applyText.summary(report));
      return report;
    });
  }

  private async followRollout(
    session: ClusterSession,
    report: ApplyReport,
    entries: ManifestEntry[],
    since: number,
    timeoutSeconds: number,
  ): Promise<RolloutReport | undefined> {
    const [{ followRollouts, locateApplied, rolloutTargets }, { applyText }] = await Promise.all([
      import('../../kube/rollout'),
      import('../../kube/applyText'),
    ]);
    const applied = report.results.filter(
      (r) => r.status === 'created' || r.status === 'configured' || r.status === 'unchanged',
    );
    const targets = rolloutTargets(applied.map((r) => r.ref));
    if (targets.length === 0) return undefined;
    const title = vscode.l10n.t('Starter Stack: waiting for {0} workloads to become available', targets.length);
    return withCancellableProgress(title, async (progress, signal) => {
      const ready = new Set<string>();
      const rollout = await followRollouts(session.client, targets, {
        timeoutMs: timeoutSeconds * 1000,
        signal,
        since,
        locate: locateApplied(report.results, entries),
        onProgress: (t, s) => {
          if (s.ready) ready.add(`${t.kind}/${t.name}`);
          progress.report({
            message: vscode.l10n.t(
              '{0}/{1} available — {2} {3}: {4}',
              ready.size,
              targets.length,
              t.kind,
              t.name,
              s.message,
            ),
          });
          this.log.info(applyText.rollout(t, s).trim());
        },
      });
      for (const line of applyText.rolloutSummary(rollout)) this.log.info(line);
      return rollout;
    });
  }

  private fail(message: string): undefined {
    this.log.error(`deploy: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Deploy Starter Stack: {0}', message));
    return undefined;
  }
}

/** The manifests' Namespace of that name (with its labels), or a bare one when they have none by that name. */
function namespaceEntries(entries: readonly ManifestEntry[], namespace: string): ManifestEntry[] {
  const own = entries.filter((e) => e.object.kind === 'Namespace' && e.object.metadata.name === namespace);
  if (own.length > 0) return own;
  return [
    { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, file: '(namespace)', line: 1 },
  ];
}
