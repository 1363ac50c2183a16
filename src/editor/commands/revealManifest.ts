import * as vscode from 'vscode';
import type { TextRange } from '../../kube/cache/manifestIndex';
import { objectTargetOf, type ObjectTarget } from '../tree/commandTargets';
import type { Command } from './command';

const MANIFEST_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist}/**';

/** Opens the workspace manifest that defines the object, at its `metadata.name`. */
export class RevealManifestCommand implements Command {
  readonly id = 'starterStack.revealManifest';

  async execute(node?: unknown): Promise<void> {
    const target = objectTargetOf(node);
    if (!target) return;
    const found = await findDefinition(target);
    if (!found) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No manifest in this workspace defines {0} {1}.', target.kind, target.name),
      );
      return;
    }
    const { start, end } = found.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    await vscode.window.showTextDocument(found.uri, { selection, preview: true });
  }
}

async function findDefinition(target: ObjectTarget): Promise<{ uri: vscode.Uri; range: TextRange } | undefined> {
  const { locateObject } = await import('../../kube/cache/manifestIndex');
  const files = await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, 2000);
  for (const uri of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    // A cheap text check first: most files do not mention the name at all.
    if (!text.includes(target.name)) continue;
    const range = locateObject(text, target.kind, target.name, target.namespace);
    if (range) return { uri, range };
  }
  return undefined;
}
