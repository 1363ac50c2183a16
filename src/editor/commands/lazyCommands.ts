import * as vscode from 'vscode';
import { onceSucceeded } from '../../util/lazy';
import type { Command } from './command';

/**
 * Registers command ids at activation while their code loads on first use: the first run of any of them
 * calls `load` once, then each id runs the loaded command with that id. A loaded set that lacks one of the
 * ids is a programming error, reported on the first run of that id. A run that `refuse` turns down (it has told the
 * user why) neither loads nor runs anything.
 */
export function registerLazyCommands(
  ids: readonly string[],
  load: () => Promise<readonly Command[]>,
  refuse?: (id: string, args: readonly unknown[]) => boolean,
): vscode.Disposable {
  const byId = onceSucceeded(async () => new Map((await load()).map((c) => [c.id, c])));
  return vscode.Disposable.from(
    ...ids.map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (refuse?.(id, args)) return undefined;
        const command = (await byId()).get(id);
        if (!command) throw new Error(`command ${id} is declared but not provided by its feature`);
        return command.execute(...args);
      }),
    ),
  );
}
