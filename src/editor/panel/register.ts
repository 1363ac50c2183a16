import * as vscode from 'vscode';
import type { Scope } from '../../observe/model';
import { validatePanelState } from '../../protocol/protocol';
import type { ObservabilityPanel } from './observabilityPanel';
import { OBSERVABILITY_VIEW_TYPE, scopeTitle, webviewOptions } from './panelBasics';

/** Opens (or reveals) the panel for a scope; one panel per scope. */
export interface ObservabilityPanels {
  open(scope: Scope): Promise<ObservabilityPanel>;
}

const scopeKey = (s: Scope): string => [s.namespace, s.workload ?? '', s.pod ?? ''].join('/');

/** The scope saved by the webview's setState, if it is one (it comes back from disk: check it). */
function restoredScope(state: unknown): Scope | undefined {
  const checked = validatePanelState(state);
  return checked.ok ? checked.message.scope : undefined;
}

/**
 * Registers the serializer (panels come back after a reload, from their saved state, without
 * retainContextWhenHidden) and returns the opener the command uses.
 */
export function registerObservabilityPanels(
  extensionUri: vscode.Uri,
  log: vscode.LogOutputChannel,
  defaultNamespace: () => string,
): { panels: ObservabilityPanels; disposable: vscode.Disposable } {
  const open = new Map<string, ObservabilityPanel>();
  // The panel module (clients, websocket, gateway) loads on first use, not at activation.
  const create = async (webviewPanel: vscode.WebviewPanel, scope: Scope): Promise<ObservabilityPanel> => {
    const { ObservabilityPanel } = await import('./observabilityPanel');
    return track(scope, new ObservabilityPanel(webviewPanel, extensionUri, scope, log));
  };
  const track = (scope: Scope, panel: ObservabilityPanel): ObservabilityPanel => {
    open.set(scopeKey(scope), panel);
    panel.panel.onDidDispose(() => open.delete(scopeKey(scope)));
    panel
      .start()
      .catch((e: unknown) => log.error(`observability panel: ${e instanceof Error ? e.message : String(e)}`));
    return panel;
  };
  const serializer = vscode.window.registerWebviewPanelSerializer(OBSERVABILITY_VIEW_TYPE, {
    async deserializeWebviewPanel(webviewPanel, state: unknown) {
      await create(webviewPanel, restoredScope(state) ?? { namespace: defaultNamespace() });
    },
  });
  const panels: ObservabilityPanels = {
    open(scope) {
      const existing = open.get(scopeKey(scope));
      if (existing) {
        existing.panel.reveal(vscode.ViewColumn.Beside);
        return Promise.resolve(existing);
      }
      const webviewPanel = vscode.window.createWebviewPanel(
        OBSERVABILITY_VIEW_TYPE,
        scopeTitle(scope),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          ...webviewOptions(extensionUri),
          // Switching tabs must not reload the buffer or turn Follow off: the page stays alive while hidden.
          retainContextWhenHidden: true,
        },
      );
      return create(webviewPanel, scope);
    },
  };
  const disposable = new vscode.Disposable(() => {
    serializer.dispose();
    for (const panel of open.values()) panel.dispose();
  });
  return { panels, disposable };
}
