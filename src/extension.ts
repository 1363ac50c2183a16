import * as vscode from 'vscode';
import { BuildImagesCommand } from './editor/commands/buildImages';
import { registerCommands } from './editor/commands/command';
import { DeployStackCommand } from './editor/commands/deployStack';
import { registerDiagnostics } from './editor/diagnostics';
import { GenerateManifestsCommand } from './editor/commands/generateManifests';
import { OpenObservabilityCommand } from './editor/commands/openObservability';
import { ScaffoldProjectCommand } from './editor/commands/scaffoldProject';
import { registerObservabilityPanels } from './editor/panel/register';
import { ProposedContentProvider } from './editor/proposedContent';
import { readSettings } from './editor/settings';
import { ClusterFeatures } from './editor/tree/clusterFeatures';
import type { ClusterTreeModel } from './editor/tree/clusterTreeModel';

/** What the extension exports to tests and other extensions. */
export interface StarterStackApi {
  /** Milliseconds `activate()` took, measured inside it. */
  readonly activationMs: number;
  /** The Cluster view's model, for the in-host tests. */
  readonly clusterTree: ClusterTreeModel;
}

/** Wiring only: build the services, register the features. Heavy modules load when a feature is first used. */
export function activate(context: vscode.ExtensionContext): StarterStackApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Starter Stack', { log: true });
  const proposed = ProposedContentProvider.register();
  const generate = new GenerateManifestsCommand(proposed.provider, log);
  const stackNamespace = () => readSettings().namespace;
  const observe = registerObservabilityPanels(context.extensionUri, log, stackNamespace);
  context.subscriptions.push(
    log,
    proposed.disposable,
    observe.disposable,
    registerCommands([
      generate,
      new DeployStackCommand(generate, proposed.provider, log),
      new ScaffoldProjectCommand(proposed.provider, log),
      new BuildImagesCommand(log),
      new OpenObservabilityCommand(observe.panels, stackNamespace),
    ]),
    registerDiagnostics(log),
  );
  const cluster = new ClusterFeatures();
  context.subscriptions.push(cluster);
  return { activationMs: performance.now() - started, clusterTree: cluster.tree };
}

export function deactivate(): void {}
