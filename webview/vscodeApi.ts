import type { FromWebview, PanelState } from '../src/protocol/protocol';

/** The part of VS Code's webview API the app uses; `acquireVsCodeApi` may be called only once. */
export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
};

export function vscodeApi(): VsCodeApi {
  const api = acquireVsCodeApi();
  return {
    postMessage: (message) => api.postMessage(message),
    getState: () => (api.getState() as PanelState | undefined) ?? undefined,
    setState: (state) => api.setState(state),
  };
}
