// Every way a user backs out of a command ends quietly. A command whose promise rejects is what VS Code shows
// as "Command '…' resulted in an error" when it was run from the palette, a menu or a key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, type HostTest } from './harness';
import { generate } from './helpers';

interface Settled {
  readonly error?: string;
}

/** Runs a command as the palette does (no argument) and dismisses every quick pick or input box it opens. */
async function runDismissing(command: string, timeoutMs: number): Promise<Settled | undefined> {
  let settled: Settled | undefined;
  const running = vscode.commands.executeCommand(command).then(
    () => (settled = {}),
    (e: unknown) => (settled = { error: e instanceof Error ? e.message : String(e) }),
  );
  const deadline = Date.now() + timeoutMs;
  while (settled === undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  if (settled === undefined) void running;
  return settled;
}

/**
 * The test host refuses modal dialogs outright instead of showing them (a user sees the modal and can cancel it), so a
 * command that got as far as its confirmation (Delete Stack's) counts as reaching it: its Cancel answer is not run here.
 */
const MODAL_REFUSED = /^DialogService: refused to show dialog in tests/;

export const cancelPathTests: readonly HostTest[] = [
  {
    name: 'Regenerating over an edited file and keeping it writes nothing and is no error (an empty edit is no edit)',
    async run({ workspaceFolder }) {
      const outDir = 'e2e-out/keep-mine';
      const options = { namespace: 'e2e-keep', components: ['frontend'] };
      await generate({ outDir, options, onConflict: 'overwrite' });
      const edited = vscode.Uri.joinPath(workspaceFolder, outDir, 'frontend.yaml');
      const mine = `${new TextDecoder().decode(await vscode.workspace.fs.readFile(edited))}# my edit\n`;
      await vscode.workspace.fs.writeFile(edited, new TextEncoder().encode(mine));
      // onConflict 'skip' is the modal's "Keep mine": only the unchanged files remain, so the edit is empty.
      const result = (await generate({ outDir, options, onConflict: 'skip' })) as
        { written: string[]; skipped: string[] } | undefined;
      assert.ok(result, 'Generate returned nothing');
      assert.deepEqual(result.written, [], 'nothing is written');
      assert.deepEqual(result.skipped, ['frontend.yaml'], 'the edited file is kept');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(edited)), mine, 'the edit survives');
    },
  },
  {
    name: 'Every command run from the palette and dismissed at its prompt ends without an error',
    timeoutMs: 240_000,
    async run() {
      const contributed = (
        vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
          contributes: { commands: { command: string }[] };
        }
      ).contributes.commands;
      const problems: string[] = [];
      for (const { command } of contributed) {
        const settled = await runDismissing(command, 20_000);
        if (settled === undefined) problems.push(`${command}: still running 20 s after its prompts were dismissed`);
        else if (settled.error !== undefined && !MODAL_REFUSED.test(settled.error))
          problems.push(`${command}: ${settled.error}`);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.deepEqual(problems, [], 'commands that would show "resulted in an error"');
      assert.ok(contributed.length >= 10, `${contributed.length} commands checked`);
    },
  },
];
