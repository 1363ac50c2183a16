import * as vscode from 'vscode';
import type { LiveCluster } from '../kube/cache/liveCluster';
import type { ManifestWorkload } from '../kube/cache/manifestIndex';
import type { RuntimeFinding } from '../kube/cache/runtimeFindings';
import { Disposable, type IDisposable } from '../util/disposable';
import { readSettings } from './settings';

const DEBOUNCE_MS = 200;
const MANIFEST_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist}/**';

/**
 * Runtime → manifest: when pods of a workload defined in the workspace fail (probe, crash loop, image pull),
 * a diagnostic on the line of its manifest that is to blame; cleared when they are healthy again.
 */
export class RuntimeDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('starter-stack-runtime'));
  private readonly manifests = new Map<string, ManifestWorkload[]>();
  private cacheSubscription: IDisposable | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private indexed: Promise<void> | undefined;

  constructor(private readonly live: LiveCluster) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB));
    this._register(watcher.onDidChange((uri) => void this.reindex(uri)));
    this._register(watcher.onDidCreate((uri) => void this.reindex(uri)));
    this._register(watcher.onDidDelete((uri) => (this.manifests.delete(uri.toString()), this.schedule())));
    this._register(live.onDidChangeState(() => this.follow()));
    this._register({ dispose: () => (this.cacheSubscription?.dispose(), clearTimeout(this.timer)) });
    this.follow();
  }

  private follow(): void {
    this.cacheSubscription?.dispose();
    this.cacheSubscription = this.live.session?.cache.onDidChange(() => this.schedule());
    // Index the workspace only once a cluster is open: nothing to compare against before.
    if (this.live.session && !this.indexed) this.indexed = this.indexWorkspace();
    this.schedule();
  }

  private async indexWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, 2000);
    await Promise.all(files.map((uri) => this.reindex(uri, false)));
    this.schedule();
  }

  private async reindex(uri: vscode.Uri, reschedule = true): Promise<void> {
    const { indexManifest } = await import('../kube/cache/manifestIndex');
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const found = indexManifest(uri.toString(), text);
      if (found.length > 0) this.manifests.set(uri.toString(), found);
      else this.manifests.delete(uri.toString());
    } catch {
      this.manifests.delete(uri.toString());
    }
    if (reschedule) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  private async update(): Promise<void> {
    const cache = this.live.session?.cache;
    if (!cache || cache.connection().state !== 'connected') {
      // Unknown is not healthy: keep what is shown while the cluster is away, clear it when there is no cluster.
      if (!this.live.session) this.collection.clear();
      return;
    }
    const { runtimeFindings } = await import('../kube/cache/runtimeFindings');
    const namespace = readSettings().namespace;
    for (const workload of [...this.manifests.values()].flat()) cache.openNamespace(workload.namespace ?? namespace);
    this.show(runtimeFindings([...this.manifests.values()].flat(), cache, namespace));
  }

  private show(findings: readonly RuntimeFinding[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      const list = byFile.get(finding.file) ?? [];
      list.push(toDiagnostic(finding));
      byFile.set(finding.file, list);
    }
    this.collection.clear();
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.parse(file), diagnostics);
  }
}

function toDiagnostic(finding: RuntimeFinding): vscode.Diagnostic {
  const { start, end } = finding.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const severity = finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, vscode.l10n.t('In the cluster: {0}', finding.message), severity);
  diagnostic.source = 'Starter Stack (cluster)';
  diagnostic.code = finding.kind;
  return diagnostic;
}
