import * as vscode from 'vscode';
import { IngressRouteNode } from '../tree/nodes/ingressRouteNode';
import type { Command } from './command';

/** Opens an Ingress route's URL in the browser; asExternalUri makes it reachable from a remote or web client. */
export class OpenRouteUrlCommand implements Command {
  readonly id = 'starterStack.openRouteUrl';

  async execute(node?: unknown): Promise<void> {
    if (!(node instanceof IngressRouteNode)) return;
    const { host, url } = node.view;
    if (!host) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Ingress {0} routes {1} for any host: there is no single URL to open.',
          node.view.ingress,
          node.view.path,
        ),
      );
      return;
    }
    await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(url)));
  }
}
