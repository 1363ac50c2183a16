// The starterStack.* settings, changed the way a user does (workspace settings), and what follows them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';
import { generate, readText } from './helpers';

export const settingsTests: readonly HostTest[] = [
  {
    name: 'Generate Manifests follows the starterStack.namespace setting',
    async run({ workspaceFolder }) {
      const config = () => vscode.workspace.getConfiguration('starterStack', workspaceFolder);
      await config().update('namespace', 'e2e-from-settings', vscode.ConfigurationTarget.Workspace);
      try {
        assert.equal(config().get('namespace'), 'e2e-from-settings');
        const outDir = 'e2e-out/settings';
        await generate({ outDir, options: { components: ['namespace', 'frontend'] }, onConflict: 'overwrite' });
        const folder = vscode.Uri.joinPath(workspaceFolder, outDir);
        assert.match(
          await readText(folder, 'namespace.yaml'),
          /^\s+name: e2e-from-settings$/m,
          'namespace.yaml does not name the namespace from the setting',
        );
        assert.match(
          await readText(folder, 'frontend.yaml'),
          /^\s+namespace: e2e-from-settings$/m,
          'frontend.yaml is not in the namespace from the setting',
        );
      } finally {
        await config().update('namespace', undefined, vscode.ConfigurationTarget.Workspace);
      }
    },
  },
];
