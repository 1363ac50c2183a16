import * as vscode from 'vscode';
import { TREE_ROW_COMMAND_IDS } from '../commandIds';

const ROW_COMMANDS: ReadonlySet<string> = new Set(TREE_ROW_COMMAND_IDS);

/**
 * Whether a Cluster view row action arrived without its row. VS Code hands a row's menu action the row's element,
 * looked up in the extension host by the row's handle; while a row above it is redrawn (a live update: a namespace's
 * ready count, a workload's pods) the extension host has dropped the handles under that row until the view asks for
 * them again, and the action gets an explicit `undefined` (microsoft/vscode#144250). The palette and keybindings pass
 * no argument at all, so this is no palette run: the user chose a row, and which one is lost.
 */
export function rowWasLost(id: string, args: readonly unknown[]): boolean {
  return ROW_COMMANDS.has(id) && args.length > 0 && args[0] === undefined;
}

/**
 * Stops a row action whose row was lost, saying so: guessing (the stack namespace for Delete Stack) or asking for
 * a workload the user already chose would act on, or ask about, something else than the row they clicked.
 */
export function refuseLostRow(log: vscode.LogOutputChannel): (id: string, args: readonly unknown[]) => boolean {
  return (id, args) => {
    if (!rowWasLost(id, args)) return false;
    log.warn(`${id}: VS Code passed no row (the Cluster view was redrawing it); nothing was done`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The Cluster view was redrawing that row (a live update) as you chose the action, and VS Code did not pass it on. Nothing was done: choose it again.',
      ),
    );
    return true;
  };
}
