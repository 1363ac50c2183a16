import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { rolloutHistory, type Revision } from '../../kube/rolloutHistory';
import { Disposable } from '../../util/disposable';
import { err, ok, type Result } from '../../util/result';
import { readSettings } from '../settings';
import { ClusterTreeModel } from './clusterTreeModel';
import { ClusterTreeProvider } from './clusterTreeProvider';
import type { ClusterViewHost } from './clusterViewShell';

const AGE_REFRESH_MS = 10_000;

async function loadRevisions(
  live: LiveCluster,
  namespace: string,
  name: string,
): Promise<Result<readonly Revision[], string>> {
  const session = live.session;
  if (!session) return err(vscode.l10n.t('not connected'));
  const answer = await rolloutHistory(session.client, { namespace, name });
  return answer.ok ? ok(answer.value.revisions) : err(answer.error.message);
}

/** The Cluster view's model and provider, behind the view the shell registered. Watches start when the view is first visible. */
export class ClusterTree extends Disposable {
  readonly model: ClusterTreeModel;
  readonly provider: ClusterTreeProvider;

  constructor(
    private readonly live: LiveCluster,
    host: ClusterViewHost,
  ) {
    super();
    this.model = this._register(
      new ClusterTreeModel(
        live,
        () => readSettings().namespace,
        (namespace, name) => loadRevisions(live, namespace, name),
      ),
    );
    const provider = (this.provider = this._register(new ClusterTreeProvider(this.model)));
    this._register(provider.onDidChangeTreeData((nodes) => host.fireChanged(nodes)));
    this._register(host.view.onDidCollapseElement((e) => this.model.collapsed(e.element)));
    this._register(host.view.onDidExpandElement((e) => this.model.expandedAgain(e.element)));
    this.refreshAgesEvery(AGE_REFRESH_MS, host);
    if (host.view.visible) this.startWatching();
    else this._register(host.view.onDidChangeVisibility((e) => e.visible && this.startWatching()));
    // A different stack namespace changes which namespace comes first and opens by itself.
    this._register(
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('starterStack.namespace') && provider.refreshAll(),
      ),
    );
  }

  /** Ages ("5m") change with time alone: redraw the visible rows whose age text changed, while the view is shown. */
  private refreshAgesEvery(ms: number, host: ClusterViewHost): void {
    const timer = setInterval(() => {
      if (!host.view.visible) return;
      const stale = this.model.staleAges({ t: vscode.l10n.t, now: Date.now() });
      if (stale.length > 0) host.fireChanged(stale);
    }, ms);
    this._register({ dispose: () => clearInterval(timer) });
  }

  private startWatching(): void {
    if (this.live.state.state === 'idle') void this.live.connect();
  }
}
