import * as vscode from 'vscode';
import { BuildImagesCommand } from './editor/commands/buildImages';
import { registerCommands } from './editor/commands/command';
import { DeployStackCommand } from './editor/commands/deployStack';
import { registerDiagnostics } from './editor/diagnostics';
import { GenerateManifestsCommand } from './editor/commands/generateManifests';
import { ScaffoldProjectCommand } from './editor/commands/scaffoldProject';
import { ProposedContentProvider } from './editor/proposedContent';
import { EmptyClusterView } from './editor/tree/emptyClusterView';

/** What the extension exports to tests and other extensions. */
export interface StarterStackApi {
  /** Milliseconds `activate()` took, measured inside it. */
  readonly activationMs: number;
}

/** Wiring only: build the services, register the features. Heavy modules load when a feature is first used. */
export function activate(context: vscode.ExtensionContext): StarterStackApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Starter Stack', { log: true });
  const proposed = ProposedContentProvider.register();
  const generate = new GenerateManifestsCommand(proposed.provider, log);
  context.subscriptions.push(
    log,
    proposed.disposable,
    registerCommands([
      generate,
      new DeployStackCommand(generate, proposed.provider, log),
      new ScaffoldProjectCommand(proposed.provider, log),
      new BuildImagesCommand(log),
    ]),
    registerDiagnostics(log),
    vscode.window.registerTreeDataProvider('starterStack.cluster', new EmptyClusterView()),
  );
  return { activationMs: performance.now() - started };
}

export function deactivate(): void {}
