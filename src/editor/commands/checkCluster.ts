import * as vscode from 'vscode';
import type { ManifestEntry } from '../../kube/manifests';
import { runDeployPreflight } from '../deploy/preflight';
import { readSettings } from '../settings';
import type { Command } from './command';

/**
 * "Starter Stack: Check Cluster": the preflight Deploy runs (and `starter-stack doctor` prints), on its own: the
 * current context, the workspace's manifests (the default stack when there are none yet), each check with its fix.
 */
export class CheckClusterCommand implements Command {
  readonly id = 'starterStack.checkCluster';

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async execute(): Promise<{ blockers: number; warnings: number } | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) return this.fail(vscode.l10n.t('Open a folder first: the check reads the manifests in the workspace.'));
    const settings = readSettings(root);
    const dir = vscode.Uri.joinPath(root, settings.outputFolder);
    const entries = await this.manifests(dir, settings.namespace);
    if (!entries) return undefined;
    const { openCluster } = await import('../../kube/session');
    const session = await openCluster({ namespace: settings.namespace });
    if (!session.ok) return this.fail(session.error);
    try {
      let last: { blockers: number; warnings: number } | undefined;
      await runDeployPreflight({
        session: session.value,
        entries,
        root,
        dir,
        log: this.log,
        purpose: 'check',
        onReport: (report) => {
          const count = (status: string) => report.checks.filter((c) => c.status === status).length;
          last = { blockers: count('blocker'), warnings: count('warn') };
        },
      });
      if (last && last.blockers === 0 && last.warnings === 0)
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Starter Stack: every check passes on {0}: ready to deploy.', session.value.target.contextName),
        );
      return last;
    } finally {
      session.value.dispose();
    }
  }

  /** The workspace's manifests, or the default stack's (rendered in memory) before anything is generated. */
  private async manifests(dir: vscode.Uri, namespace: string): Promise<ManifestEntry[] | undefined> {
    const [{ loadManifests, parseManifestText }, { generateStack }] = await Promise.all([
      import('../../kube/manifests'),
      import('../../stack/generate'),
    ]);
    const exists = await vscode.workspace.fs.stat(dir).then(
      () => true,
      () => false,
    );
    if (exists) {
      const loaded = await loadManifests(dir.fsPath, { createMissingSecrets: false });
      if (loaded.ok && loaded.value.length > 0) return loaded.value;
    }
    const plan = await generateStack({ namespace }, new Map());
    if (!plan.ok) return this.fail(plan.error);
    const entries: ManifestEntry[] = [];
    for (const file of plan.value.create.filter((f) => f.path.endsWith('.yaml') && f.path !== 'kustomization.yaml')) {
      const parsed = parseManifestText(file.content, file.path);
      if (parsed.ok) entries.push(...parsed.value);
    }
    return entries;
  }

  private fail(message: string): undefined {
    this.log.error(`check cluster: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Check Cluster: {0}', message));
    return undefined;
  }
}
