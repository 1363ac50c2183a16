// The panel's HTML: a strict CSP, nonce'd script, only our own bundle and styles, frames only from the gateway.
// No vscode import: the values come in as strings so this is testable and every one of them is escaped.

export interface PanelHtmlInput {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  /** The gateway's origin as the webview reaches it; frames from nowhere else. Null: no frames at all. */
  readonly frameOrigin: string | null;
  readonly title: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function contentSecurityPolicy(input: Pick<PanelHtmlInput, 'cspSource' | 'nonce' | 'frameOrigin'>): string {
  return [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `script-src 'nonce-${input.nonce}'`,
    `img-src ${input.cspSource} data:`,
    `font-src ${input.cspSource}`,
    `frame-src ${input.frameOrigin ?? "'none'"}`,
  ].join('; ');
}

export function panelHtml(input: PanelHtmlInput): string {
  const styles = input.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(input))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(input.title)}</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
  </body>
</html>`;
}

/** The placeholder while the services are found (no script, nothing to escape but the text). */
export function loadingHtml(message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escapeHtml(message)}</p></body></html>`;
}
