import * as vscode from 'vscode';

/** Serves not-yet-written file contents read-only, so a diff can show what generating would write. */
export class ProposedContentProvider implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'starter-stack-proposed';
  private readonly contents = new Map<string, string>();

  static register(): { provider: ProposedContentProvider; disposable: vscode.Disposable } {
    const provider = new ProposedContentProvider();
    return {
      provider,
      disposable: vscode.workspace.registerTextDocumentContentProvider(ProposedContentProvider.scheme, provider),
    };
  }

  /** Stores `content` and returns the URI that shows it, named after the file it would replace. */
  propose(target: vscode.Uri, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ProposedContentProvider.scheme, path: target.path });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}
