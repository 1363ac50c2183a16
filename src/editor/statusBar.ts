import * as vscode from 'vscode';
import type { LiveCluster } from '../kube/cache/liveCluster';
import { stackHealth } from '../kube/cache/stackHealth';
import { describeProfile, profileFromNames } from '../kube/clusterProfile';
import { Disposable, type IDisposable } from '../util/disposable';
import { readSettings } from './settings';
import { statusSummary, type StatusInput } from './tree/statusSummary';

const UPDATE_DELAY_MS = 200;

/** Context/namespace and stack health in the status bar; click to switch context or namespace. */
export class StackStatusBar extends Disposable {
  private cacheSubscription: IDisposable | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `item` is created at activation (ClusterViewShell), so it shows before this class loads. */
  constructor(
    private readonly live: LiveCluster,
    private readonly item: vscode.StatusBarItem,
  ) {
    super();
    this._register(live.onDidChangeState(() => this.follow()));
    this._register(
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('starterStack.namespace') && this.scheduleUpdate(),
      ),
    );
    this._register({ dispose: () => (this.cacheSubscription?.dispose(), clearTimeout(this.timer)) });
    this.follow();
    this.item.show();
  }

  private follow(): void {
    this.cacheSubscription?.dispose();
    const cache = this.live.session?.cache;
    // Health needs the stack namespace watched, whether or not the tree has opened it yet.
    cache?.openNamespace(readSettings().namespace);
    this.cacheSubscription = cache?.onDidChange(() => this.scheduleUpdate());
    this.update();
  }

  /** Many changes in a burst (a rollout, a relist) make one update. */
  private scheduleUpdate(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  private input(): StatusInput {
    const namespace = readSettings().namespace;
    const state = this.live.state;
    if (state.state !== 'open')
      return state.state === 'error'
        ? state
        : state.state === 'opening'
          ? { state: 'opening', namespace }
          : { state: 'idle' };
    const { cache, target } = state.session;
    return {
      state: 'open',
      contextName: target.contextName,
      namespace,
      connection: cache.connection(),
      health: stackHealth(cache, namespace),
      cluster: describeProfile(profileFromNames(target)),
    };
  }

  private update(): void {
    const summary = statusSummary(this.input(), vscode.l10n.t);
    this.item.text = summary.text;
    this.item.tooltip = new vscode.MarkdownString(summary.tooltip, true);
    this.item.backgroundColor =
      summary.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : summary.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }
}
