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
