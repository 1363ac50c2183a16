import * as vscode from 'vscode';

/** The scheme of read-only live objects (Show Live YAML). */
export const LIVE_SCHEME = 'starter-stack-live';

/**
 * Serves live-YAML documents through `provider`, which loads the cluster features on first use. Registered at
 * activation, not with the features: VS Code restores live-YAML editors on reload before anything else runs.
 */
export function registerLiveYamlScheme(provider: () => Promise<vscode.TextDocumentContentProvider>): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, {
    provideTextDocumentContent: async (uri, token) => (await provider()).provideTextDocumentContent(uri, token),
  });
}
