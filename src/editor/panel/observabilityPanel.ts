import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Gateway } from '../../observe/gateway';
import type { Scope } from '../../observe/model';
import { Disposable } from '../../util/disposable';
import type { PanelState, ToWebview } from '../../protocol/protocol';
import { buildServices } from './buildServices';
import { PanelController } from './controller';
import { loadingHtml, panelHtml } from './html';
import { scopeTitle, webviewOptions } from './panelBasics';
import { receiveFromWebview } from './receive';
import type { PanelHost } from './services';
import { readObserveSettings } from './settings';

const editorHost: PanelHost = {
  theme: () =>
    vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Light ||
    vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrastLight
      ? 'light'
      : 'dark',
  copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
  openExternal: async (url) => void (await vscode.env.openExternal(vscode.Uri.parse(url, true))),
  externalUrl: async (url) => (await vscode.env.asExternalUri(vscode.Uri.parse(url))).toString(true),
};

/**
 * The gateway, when Grafana can be embedded through it. code-server's default port proxy serves a local port
 * under a path (`/proxy/PORT/`): Grafana's pages load their scripts and API from absolute paths (`/public/…`,
 * `/api/…`), which would miss the gateway there. Without a gateway the panels are drawn natively.
 */
async function embeddableGateway(start: () => Promise<Gateway>): Promise<Gateway> {
  const gateway = await start();
  const external = new URL(await editorHost.externalUrl(gateway.origin));
  if (external.pathname.replace(/\/$/, '') !== '') {
    throw new Error(
      `the editor reaches ${gateway.origin} as ${external.toString()}, under a path where Grafana's absolute links break: panels are drawn natively`,
    );
  }
  return gateway;
}

/** One observability panel: its webview, its controller, and the services behind it. Disposed with the panel. */
export class ObservabilityPanel extends Disposable {
  private controller: PanelController | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly scope: Scope,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(panel);
    panel.webview.options = webviewOptions(extensionUri);
    panel.title = scopeTitle(scope);
    panel.webview.html = loadingHtml(vscode.l10n.t('Finding Loki, Grafana and Prometheus…'));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this._register(vscode.window.onDidChangeActiveColorTheme(() => void this.controller?.themeChanged()));
  }

  /** Finds the services, then loads the app; the app says "ready" and the controller takes over. */
  async start(): Promise<void> {
    // The stack's services live in the namespace the user is looking at.
    const settings = { ...readObserveSettings(), stackNamespace: this.scope.namespace };
    const { resolveConnections } = await import('../../observe/connections');
    const connections = await resolveConnections(settings, this.log);
    if (this.isDisposed) return;
    const built = buildServices(connections, this.scope, this.log);
    this._register(built.disposable);
    const startGateway = built.services.gateway;
    const gateway = startGateway && (() => embeddableGateway(startGateway));
    const services = { ...built.services, gateway };
    const post = (message: ToWebview) => Promise.resolve(this.panel.webview.postMessage(message));
    this.controller = this._register(new PanelController(this.scope, services, editorHost, settings, post, this.log));
    const frameOrigin = gateway
      ? await gateway().then(
          async (g) => new URL(await editorHost.externalUrl(g.origin)).origin,
          () => null,
        )
      : null;
    if (this.isDisposed) return;
    this.panel.webview.html = this.html(frameOrigin);
  }

  private html(frameOrigin: string | null): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('dist', 'webview.js'),
      styleUris: [asset('dist', 'webview.css'), asset('media', 'webview', 'panel.css')],
      frameOrigin,
      title: scopeTitle(this.scope),
    });
  }

  private receive(raw: unknown): void {
    const controller = this.controller;
    if (controller) void receiveFromWebview(raw, (message) => controller.handle(message), this.log);
  }

  get state(): PanelState | undefined {
    return this.controller?.panelState;
  }
}
