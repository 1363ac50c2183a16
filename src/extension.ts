import * as vscode from 'vscode';
import { registerCommands } from './editor/commands/command';
import { GenerateManifestsCommand } from './editor/commands/generateManifests';
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
  context.subscriptions.push(
    log,
    proposed.disposable,
    registerCommands([new GenerateManifestsCommand(proposed.provider, log)]),
    vscode.window.registerTreeDataProvider('starterStack.cluster', new EmptyClusterView()),
  );
  return { activationMs: performance.now() - started };
}

export function deactivate(): void {}
