import * as vscode from 'vscode';
import type { KubeconfigRequest } from '../../kube/kubeconfig';
import { LiveCluster } from '../../kube/cache/liveCluster';
import { Disposable } from '../../util/disposable';
import { registerCommands } from '../commands/command';
import { DeletePodCommand } from '../commands/deletePod';
import { PortForwardCommand } from '../commands/portForward';
import { RestartRolloutCommand } from '../commands/restartRollout';
import { RevealManifestCommand } from '../commands/revealManifest';
import { ScaleWorkloadCommand } from '../commands/scaleWorkload';
import { ShowLiveYamlCommand } from '../commands/showLiveYaml';
import { ShowPodLogsCommand } from '../commands/showPodLogs';
import { SwitchContextCommand } from '../commands/switchContext';
import { RuntimeDiagnostics } from '../runtimeDiagnostics';
import { StackStatusBar } from '../statusBar';
import type { ClusterTreeModel } from './clusterTreeModel';
import { ClusterTree } from './registerClusterTree';
import { RetryConnectionCommand } from './retryConnection';

/** kubectl's lookup (KUBECONFIG, ~/.kube/config) unless the `starterStack.kubeconfig` setting names a file. */
function kubeconfigRequest(): KubeconfigRequest {
  const file = vscode.workspace.getConfiguration('starterStack').get<string>('kubeconfig', '').trim();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return { ...(file ? { file } : {}), ...(cwd ? { cwd } : {}) };
}

/**
 * The live-cluster features: the Cluster view, the status bar item, runtime diagnostics and the tree actions,
 * over one LiveCluster. Nothing connects until the view is first visible (or a context is chosen); the client
 * library and the session code load then, not at activation.
 */
export class ClusterFeatures extends Disposable {
  readonly live = this._register(new LiveCluster((request) => import('../../kube/cache/connect').then((m) => m.openLiveSession(request)), kubeconfigRequest));
  readonly tree: ClusterTreeModel;

  constructor() {
    super();
    this.tree = this._register(new ClusterTree(this.live)).model;
    this._register(new StackStatusBar(this.live));
    this._register(new RuntimeDiagnostics(this.live));
    const owned = [new ShowPodLogsCommand(this.live), new ShowLiveYamlCommand(this.live), new PortForwardCommand(this.live)];
    owned.forEach((command) => this._register(command));
    const plain = [new RestartRolloutCommand(this.live), new ScaleWorkloadCommand(this.live), new DeletePodCommand(this.live), new RevealManifestCommand(), new SwitchContextCommand(this.live), new RetryConnectionCommand(this.live)];
    this._register(registerCommands([...owned, ...plain]));
  }
}
