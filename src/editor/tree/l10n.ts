/**
 * Translates a user-facing string with `{0}`-style arguments. The extension passes `vscode.l10n.t`;
 * tests pass `plainLocalize`, so the node classes render without a VS Code host.
 */
export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;

export const plainLocalize: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) =>
    args[Number(index)] === undefined ? whole : String(args[Number(index)]),
  );
