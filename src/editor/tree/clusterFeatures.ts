import * as vscode from 'vscode';
import type { KubeconfigRequest } from '../../kube/kubeconfig';
import { LiveCluster } from '../../kube/cache/liveCluster';
import { ClusterReferences } from '../../kube/cache/references';
import { Disposable } from '../../util/disposable';
import type { Command } from '../commands/command';
import { DeletePodCommand } from '../commands/deletePod';
import { DeleteStackCommand } from '../commands/deleteStack';
import { PortForwardCommand } from '../commands/portForward';
import { RestartRolloutCommand } from '../commands/restartRollout';
import { RevealManifestCommand } from '../commands/revealManifest';
import { RollBackToRevisionCommand } from '../commands/rollBackToRevision';
import { ScaleWorkloadCommand } from '../commands/scaleWorkload';
import { OpenInPanelCommand } from '../commands/openInPanel';
import { OpenRouteUrlCommand } from '../commands/openRouteUrl';
import { LiveYamlProvider, ShowEventsCommand, ShowLiveYamlCommand } from '../commands/showLiveYaml';
import { ShowPodLogsCommand } from '../commands/showPodLogs';
import { SwitchContextCommand } from '../commands/switchContext';
import { VerifyRollingUpdateCommand } from '../commands/verifyRollingUpdate';
import { StartLoadTestCommand } from '../commands/startLoadTest';
import { StopLoadTestCommand } from '../commands/stopLoadTest';
import { RuntimeDiagnostics } from '../runtimeDiagnostics';
import { setting } from '../settings';
import { StackStatusBar } from '../statusBar';
import type { ClusterTreeModel } from './clusterTreeModel';
import type { ClusterTreeProvider } from './clusterTreeProvider';
import type { ClusterViewHost } from './clusterViewShell';
import { ClusterTree } from './clusterTree';
import { RetryConnectionCommand } from './retryConnection';

/** kubectl's lookup (KUBECONFIG, ~/.kube/config) unless the `starterStack.kubeconfig` setting names a file. */
function kubeconfigRequest(): KubeconfigRequest {
  const file = setting('kubeconfig').trim();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return { ...(file ? { file } : {}), ...(cwd ? { cwd } : {}) };
}

/**
 * The live-cluster features: the Cluster view, the status bar item, runtime diagnostics and the tree actions,
 * over one LiveCluster. Loaded by ClusterViewShell on first use (the view asks for children, a command runs);
 * nothing connects until the view is visible (or a context is chosen).
 */
export class ClusterFeatures extends Disposable {
  readonly live: LiveCluster;
  readonly tree: ClusterTreeModel;
  readonly provider: ClusterTreeProvider;
  /** Serves ClusterViewShell's live-YAML documents. */
  readonly liveYaml: LiveYamlProvider;
  /** The commands behind ClusterViewShell's registrations. */
  readonly commands: readonly Command[];
  /** What the connected cluster says about objects manifests refer to (the linter asks). */
  readonly references: ClusterReferences;

  constructor(host: ClusterViewHost, log: vscode.LogOutputChannel) {
    super();
    // Every request that changes the cluster (delete, restart, scale, bounds) is recorded in the output channel.
    const open = (request: KubeconfigRequest) =>
      import('../../kube/cache/connect').then(async (m) => {
        const session = await m.openLiveSession(request);
        if (session.ok) session.value.client.actionLog = log;
        return session;
      });
    this.live = this._register(new LiveCluster(open, kubeconfigRequest));
    this.liveYaml = new LiveYamlProvider(this.live);
    this.references = this._register(new ClusterReferences(this.live));
    const tree = this._register(new ClusterTree(this.live, host));
    this.tree = tree.model;
    this.provider = tree.provider;
    this._register(new StackStatusBar(this.live, host.statusItem));
    this._register(new RuntimeDiagnostics(this.live));
    const portForward = this._register(new PortForwardCommand(this.live));
    this.commands = [
      new ShowLiveYamlCommand(this.live),
      portForward,
      new ShowPodLogsCommand(this.live),
      new RestartRolloutCommand(this.live),
      new ScaleWorkloadCommand(this.live),
      new DeletePodCommand(this.live),
      new DeleteStackCommand(this.live),
      new RollBackToRevisionCommand(this.live),
      new VerifyRollingUpdateCommand(this.live),
      new StartLoadTestCommand(this.live, log),
      new StopLoadTestCommand(this.live, log),
      new RevealManifestCommand(),
      new SwitchContextCommand(this.live),
      new RetryConnectionCommand(this.live),
      new ShowEventsCommand(this.live),
      new OpenInPanelCommand(),
      new OpenRouteUrlCommand(),
    ];
  }
}
