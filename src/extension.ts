import * as vscode from 'vscode';
import { STACK_COMMAND_IDS } from './editor/commandIds';
import { registerCommands } from './editor/commands/command';
import { HelmChartCodeActions, LintHelmChartCommand } from './editor/commands/lintHelmChart';
import { registerLazyCommands } from './editor/commands/lazyCommands';
import { OpenObservabilityCommand } from './editor/commands/openObservability';
import { registerDiagnostics } from './editor/diagnostics';
import { registerObservabilityPanels } from './editor/panel/register';
import { ProposedContentProvider } from './editor/proposedContent';
import { readSettings } from './editor/settings';
import type { ClusterTreeModel } from './editor/tree/clusterTreeModel';
import { ClusterViewShell } from './editor/tree/clusterViewShell';

/** What the extension exports to tests and other extensions. */
export interface StarterStackApi {
  /** Milliseconds `activate()` took, measured inside it. */
  readonly activationMs: number;
  /** The Cluster view's model, for the in-host tests (loads the live-cluster features if they have not loaded). */
  clusterTree(): Promise<ClusterTreeModel>;
}

/**
 * Wiring only: register what VS Code must know at once (commands, the view, diagnostics, the panel serializer).
 * The code behind commands and views loads when first used, heavy libraries later still.
 */
export function activate(context: vscode.ExtensionContext): StarterStackApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Starter Stack', { log: true });
  const proposed = ProposedContentProvider.register();
  const stackNamespace = () => readSettings().namespace;
  const observe = registerObservabilityPanels(context.extensionUri, log, stackNamespace);
  const cluster = new ClusterViewShell(log);
  const helmChart = new LintHelmChartCommand();
  context.subscriptions.push(
    log,
    proposed.disposable,
    observe.disposable,
    registerLazyCommands(STACK_COMMAND_IDS, () =>
      import('./editor/commands/stackCommands').then((m) => m.stackCommands(proposed.provider, log)),
    ),
    registerCommands([new OpenObservabilityCommand(observe.panels, stackNamespace), helmChart]),
    helmChart,
    vscode.languages.registerCodeActionsProvider(HelmChartCodeActions.selector, new HelmChartCodeActions()),
    registerDiagnostics(log, {
      cluster: () => cluster.references(),
      onDidChangeCluster: cluster.onDidChangeReferences,
    }),
    cluster,
  );
  return { activationMs: performance.now() - started, clusterTree: () => cluster.model() };
}

export function deactivate(): void {}
