import * as vscode from 'vscode';

/** One palette/menu command: an id and what it does. Registered through `registerCommands`. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export function registerCommands(commands: readonly Command[]): vscode.Disposable {
  return vscode.Disposable.from(
    ...commands.map((c) => vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.execute(...args))),
  );
}

/**
 * Whether a command's argument is its non-interactive request (for tests, tasks and other extensions): an object
 * with at least one of the request's `keys`, not the Uri a menu passes.
 */
export function isRequest<T extends object>(value: unknown, keys: readonly (keyof T & string)[]): value is T {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && keys.some((k) => k in value);
}
