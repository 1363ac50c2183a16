import * as vscode from 'vscode';
import type { ClusterLookup, LintEngine } from '../lint/engine';
import type * as ConfigLib from '../lint/config';
import { CONFIG_FILE } from '../lint/configFile';
import { looksLikeKubernetes } from '../lint/detect';
import { isHelmSource, memoDirs } from '../lint/helm';
import type { Finding } from '../lint/types';
import { Disposable, toDisposable } from '../util/disposable';
import { onceSucceeded } from '../util/lazy';
import { errorMessage } from '../util/result';
import { LintCodeActionProvider } from './codeActions';
import { toDiagnostic } from './diagnosticsConvert';
import { readLintSettings, type LintSettings } from './diagnosticsSettings';

const DEBOUNCE_MS = 200;
const YAML_GLOB = '**/*.{yaml,yml,json}';
const EXCLUDED = '**/{node_modules,.git,dist,out}/**';
const MAX_SCANNED_FILES = 5000;

export interface DiagnosticsOptions {
  readonly log: vscode.LogOutputChannel;
  /** The connected cluster's watch cache, when there is one: missing out-of-band objects are then real problems. */
  readonly cluster?: () => ClusterLookup | undefined;
  /** Fires when the answer of `cluster` may have changed (connected, disconnected, a referenced kind changed). */
  readonly onDidChangeCluster?: (listener: () => void) => vscode.Disposable;
}

/** Cache batches come per event-loop turn; a relist or a reconnect is many: one re-lint for them. */
const CLUSTER_DEBOUNCE_MS = 300;

function isYamlDocument(document: vscode.TextDocument): boolean {
  const scheme = document.uri.scheme;
  return (
    (scheme === 'file' || scheme === 'untitled') &&
    (document.languageId === 'yaml' || document.languageId === 'json' || /\.(ya?ml|json)$/i.test(document.uri.path))
  );
}

/**
 * Keeps the linter's diagnostics current: open documents (debounced), the workspace's manifests on disk and
 * file changes. The lint engine loads on the first Kubernetes YAML seen, never during activation.
 */
export class DiagnosticsManager extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('starter-stack'));
  private readonly updated = this._register(new vscode.EventEmitter<readonly vscode.Uri[]>());
  /** Fires with the files whose diagnostics were just published (in-host tests await it). */
  readonly onDidUpdate = this.updated.event;
  private readonly pending = new Set<string>();
  private readonly published = new Map<string, readonly Finding[]>();
  private settings: LintSettings = readLintSettings();
  /**
   * The team's `.starter-stack/lint.yaml` of the first workspace folder (settings win over it rule by rule), with the
   * helpers that apply it: they load (with the YAML parser and the rule list) only when the file exists.
   */
  private workspace: { readonly config: ConfigLib.WorkspaceLintConfig; readonly lib: typeof ConfigLib } | undefined;
  private readonly isChart = memoDirs(
    async (dir) => (await vscode.workspace.fs.stat(vscode.Uri.parse(`${dir}/Chart.yaml`)), true),
  );
  private timer: NodeJS.Timeout | undefined;
  private clusterTimer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly options: DiagnosticsOptions) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.documentChanged(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.documentClosed(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('starterStack.lint') && this.reconfigure(),
      ),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(YAML_GLOB));
    this._register(watcher.onDidChange((uri) => this.diskChanged(uri)));
    this._register(watcher.onDidCreate((uri) => this.diskChanged(uri)));
    this._register(watcher.onDidDelete((uri) => this.schedule(uri.toString(), 0)));
    this._register(toDisposable(() => (clearTimeout(this.timer), clearTimeout(this.clusterTimer))));
    if (options.onDidChangeCluster) this._register(options.onDidChangeCluster(() => this.clusterChanged()));
    const configWatcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`));
    for (const event of [configWatcher.onDidChange, configWatcher.onDidCreate, configWatcher.onDidDelete]) {
      this._register(event((uri) => uri.path.endsWith(CONFIG_FILE) && this.reconfigure()));
    }
    this.enqueue(() => this.readWorkspaceConfig());
    vscode.workspace.textDocuments.forEach((d) => this.documentChanged(d));
    if (this.settings.workspace) void this.scanWorkspace();
  }

  private configFileUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder && vscode.Uri.parse(`${folder.toString()}/${CONFIG_FILE}`);
  }

  private async readWorkspaceConfig(): Promise<void> {
    const uri = this.configFileUri();
    const text = uri && (await this.readText(uri.toString()));
    if (text === undefined) return void (this.workspace = undefined);
    const [lib, { RULE_METAS }] = await Promise.all([import('../lint/config'), import('../lint/rules')]);
    const config = lib.parseConfigFile(
      text,
      RULE_METAS.map((m) => m.id),
    );
    this.workspace = { config, lib };
    config.problems.forEach((p) => this.options.log.warn(p));
  }

  private config(): LintSettings['config'] {
    return this.workspace
      ? this.workspace.lib.mergeConfigs(this.workspace.config.config, this.settings.config)
      : this.settings.config;
  }

  /** Ignored by the workspace file, or Helm chart source (templates/, values.yaml, Chart.yaml): never linted. */
  private async excluded(uri: string): Promise<boolean> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    const workspace = this.workspace;
    const ignore = workspace?.config.ignore ?? [];
    if (
      folder &&
      workspace &&
      ignore.length > 0 &&
      uri.startsWith(`${folder}/`) &&
      workspace.lib.isIgnored(uri.slice(folder.length + 1), ignore)
    )
      return true;
    return isHelmSource(uri, this.isChart);
  }

  /** The findings last published for a file (the code action provider reads their fixes). */
  findings(uri: string): readonly Finding[] {
    return this.published.get(uri) ?? [];
  }

  /** Resolves once no edit is waiting for its debounce and no lint is running. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const work = this.work;
      await work;
      if (!this.timer && !this.clusterTimer && this.pending.size === 0 && work === this.work) return;
      await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS / 2));
    }
  }

  private documentChanged(document: vscode.TextDocument): void {
    if (this.settings.enabled && isYamlDocument(document)) this.schedule(document.uri.toString(), DEBOUNCE_MS);
  }

  /** A closed document goes back to its saved text, or leaves when only open files are checked. */
  private documentClosed(document: vscode.TextDocument): void {
    if (!isYamlDocument(document)) return;
    const uri = document.uri.toString();
    if (this.settings.workspace && document.uri.scheme === 'file') this.schedule(uri, 0);
    else {
      this.enqueue(async () => {
        const engine = await this.loadEngine.peek();
        const dependents = this.forget(engine, uri);
        if (engine) this.publish(engine, dependents);
      });
    }
  }

  private diskChanged(uri: vscode.Uri): void {
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (this.settings.enabled && this.settings.workspace && !open) this.schedule(uri.toString(), DEBOUNCE_MS);
  }

  private schedule(uri: string, delay: number): void {
    this.pending.add(uri);
    this.arm(delay);
  }

  /** (Re)starts the debounce: edits in quick succession make one lint. */
  private arm(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.flush());
    }, delay);
  }

  /** Lint work runs one batch at a time, in order. */
  private enqueue(job: () => Promise<void> | void): void {
    this.work = this.work.then(job).catch((e: unknown) => this.options.log.error(`Lint failed: ${errorMessage(e)}`));
  }

  /** The cluster's answers may differ now: every file is checked again against it (debounced). */
  private clusterChanged(): void {
    clearTimeout(this.clusterTimer);
    this.clusterTimer = setTimeout(() => {
      this.clusterTimer = undefined;
      this.enqueue(async () => {
        const engine = await this.loadEngine.peek();
        if (!engine || !this.settings.enabled) return;
        engine.setCluster(this.options.cluster?.());
        this.publish(engine, engine.uris());
      });
    }, CLUSTER_DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    const uris = [...this.pending];
    this.pending.clear();
    const texts = await Promise.all(
      uris.map(async (uri) => [uri, (await this.excluded(uri)) ? undefined : await this.readText(uri)] as const),
    );
    const relevant = texts.some(([uri, text]) => text !== undefined && looksLikeKubernetes(text, uri));
    if (!relevant && !this.loadEngine.peek()) return;
    const engine = await this.loadEngine();
    const affected = new Set<string>();
    for (const [uri, text] of texts) {
      if (text !== undefined && looksLikeKubernetes(text, uri))
        engine.setFile(uri, text).forEach((u) => affected.add(u));
      else this.forget(engine, uri).forEach((u) => affected.add(u));
    }
    this.publish(engine, [...affected]);
  }

  /** Drops a file from the engine and the Problems view; returns the files that referred to it. */
  private forget(engine: LintEngine | undefined, uri: string): string[] {
    this.collection.delete(vscode.Uri.parse(uri));
    this.published.delete(uri);
    return engine?.has(uri) ? engine.deleteFile(uri) : [];
  }

  private async readText(uri: string): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
    } catch {
      return undefined;
    }
  }

  /** The lint engine, loaded on first use (again after a failed load). */
  private readonly loadEngine = onceSucceeded(async () => {
    const started = performance.now();
    const { LintEngine } = await import('../lint/engine');
    const onRuleError = (rule: string, e: unknown) =>
      this.options.log.error(`Lint rule ${rule} failed: ${errorMessage(e)}`);
    const displayPath = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
    const cluster = this.options.cluster?.();
    const engine = new LintEngine({ config: this.config(), onRuleError, displayPath, ...(cluster ? { cluster } : {}) });
    this.options.log.info(`Lint engine loaded in ${Math.round(performance.now() - started)} ms`);
    return engine;
  });

  private publish(engine: LintEngine, uris: readonly string[]): void {
    if (uris.length === 0) return;
    const started = performance.now();
    for (const uri of uris) {
      const findings = engine.lintFile(uri);
      this.published.set(uri, findings);
      this.collection.set(vscode.Uri.parse(uri), findings.map(toDiagnostic));
    }
    this.options.log.trace(`Linted ${uris.length} file(s) in ${(performance.now() - started).toFixed(1)} ms`);
    this.updated.fire(uris.map((u) => vscode.Uri.parse(u)));
  }

  private async scanWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDED, MAX_SCANNED_FILES);
    if (this.isDisposed) return;
    this.options.log.info(`Lint: scanning ${files.length} YAML file(s) in the workspace`);
    files.forEach((uri) => this.pending.add(uri.toString()));
    this.arm(0);
  }

  private reconfigure(): void {
    const before = this.settings;
    this.settings = readLintSettings();
    this.enqueue(async () => {
      await this.readWorkspaceConfig();
      if (!this.settings.enabled) return void this.collection.clear();
      const engine = await this.loadEngine.peek();
      engine?.setConfig(this.config());
      if (engine) this.publish(engine, engine.uris());
      if (this.settings.workspace && (!before.workspace || !before.enabled)) await this.scanWorkspace();
      else if (!before.enabled) vscode.workspace.textDocuments.forEach((d) => this.documentChanged(d));
    });
  }
}

/** Linter diagnostics and their quick fixes: one Disposable for extension.ts. */
export function registerDiagnostics(
  log: vscode.LogOutputChannel,
  cluster?: Pick<DiagnosticsOptions, 'cluster' | 'onDidChangeCluster'>,
): vscode.Disposable {
  const manager = new DiagnosticsManager({ log, ...cluster });
  const actions = vscode.languages.registerCodeActionsProvider(
    [{ language: 'yaml' }, { language: 'json' }],
    new LintCodeActionProvider((uri) => manager.findings(uri)),
    LintCodeActionProvider.metadata,
  );
  return vscode.Disposable.from(manager, actions);
}
