import type * as vscode from 'vscode';
import type { ProposedContentProvider } from '../proposedContent';
import { BuildImagesCommand } from './buildImages';
import { CheckClusterCommand } from './checkCluster';
import type { Command } from './command';
import { DeployStackCommand } from './deployStack';
import { GenerateManifestsCommand } from './generateManifests';
import { ScaffoldProjectCommand } from './scaffoldProject';

/** The commands that write or deploy the stack (registered at activation by id, loaded on first run). */
export function stackCommands(proposed: ProposedContentProvider, log: vscode.LogOutputChannel): readonly Command[] {
  const generate = new GenerateManifestsCommand(proposed, log);
  return [
    generate,
    new DeployStackCommand(generate, proposed, log),
    new ScaffoldProjectCommand(proposed, log),
    new BuildImagesCommand(log),
    new CheckClusterCommand(log),
  ];
}
