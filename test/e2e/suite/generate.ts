// "Starter Stack: Generate Manifests" through its non-interactive (object) form.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';
import { generate, readText, yamlFiles } from './helpers';

export const generateTests: readonly HostTest[] = [
  {
    name: 'Generate Manifests (object form) writes the chosen components into outDir',
    async run({ workspaceFolder }) {
      const outDir = 'e2e-out/object-form';
      const options = {
        namespace: 'e2e-object',
        components: ['node-api'],
        imagePrefix: 'registry.e2e.test/team',
        tag: '1.2.3',
        host: 'stack.e2e.test',
      };
      await generate({ outDir, options, onConflict: 'overwrite' });
      const folder = vscode.Uri.joinPath(workspaceFolder, outDir);
      // node-api pulls in its database and the namespace; nothing else was chosen.
      assert.deepEqual(await yamlFiles(folder), [
        'kustomization.yaml',
        'mongo.yaml',
        'namespace.yaml',
        'node-api.yaml',
      ]);
      const api = await readText(folder, 'node-api.yaml');
      assert.match(api, /^kind: Deployment$/m, 'node-api.yaml has no Deployment');
      assert.match(api, /^\s+namespace: e2e-object$/m, 'node-api.yaml is not in namespace e2e-object');
      assert.ok(
        api.includes('registry.e2e.test/team/') && api.includes(':1.2.3'),
        'node-api image does not use the prefix and tag',
      );
      const kustomization = await readText(folder, 'kustomization.yaml');
      for (const file of ['namespace.yaml', 'mongo.yaml', 'node-api.yaml'])
        assert.ok(kustomization.includes(file), `kustomization does not list ${file}`);
    },
  },
];
