// Small helpers the in-host checks share: the generate command's object form and reading what it wrote.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const GENERATE_COMMAND = 'starterStack.generateManifests';

/** The command's object form (GenerateRequest in src/editor/commands/generateManifests.ts); it asks nothing. */
export interface GenerateRequest {
  outDir?: string;
  options?: { namespace?: string; components?: string[]; imagePrefix?: string; tag?: string; host?: string };
  onConflict?: 'skip' | 'overwrite';
}

export async function generate(request: GenerateRequest): Promise<unknown> {
  return vscode.commands.executeCommand(GENERATE_COMMAND, request);
}

/** A written file's text; fails the check when the file is missing. */
export async function readText(folder: vscode.Uri, ...path: string[]): Promise<string> {
  const uri = vscode.Uri.joinPath(folder, ...path);
  const bytes = await vscode.workspace.fs
    .readFile(uri)
    .then(undefined, () => assert.fail(`${uri.fsPath} was not written`));
  return new TextDecoder().decode(bytes);
}

/** Names of the YAML files directly in `folder`, sorted. */
export async function yamlFiles(folder: vscode.Uri): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(folder);
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.yaml'))
    .map(([name]) => name)
    .sort();
}
