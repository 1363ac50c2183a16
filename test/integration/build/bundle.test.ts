// Activation parses dist/extension.js only; the libraries that take time to load must sit in dist/core.js.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const DIST = join(__dirname, '..', '..', '..', 'dist');
const HEAVY = ['yaml', '@kubernetes/client-node', 'ws', 'kubernetes-models', '@kubernetes-models', 'diff', 'openid-client', 'jsonpath-plus'];

describe('the extension bundle', () => {
  it('keeps the heavy libraries out of the activation bundle', () => {
    const meta = JSON.parse(readFileSync(join(DIST, 'extension.meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const packages = new Set(
      Object.keys(meta.inputs)
        // `lazy-core:` inputs are the one-line stubs that load a module from dist/core.js.
        .filter((input) => input.includes('node_modules/') && !input.startsWith('lazy-core:'))
        .map((input) => {
          const [first, second] = input.split('node_modules/').pop()!.split('/');
          return first!.startsWith('@') ? `${first}/${second}` : first!;
        }),
    );
    assert.deepEqual(HEAVY.filter((p) => packages.has(p) || [...packages].some((q) => q.startsWith(`${p}/`))), []);
    const size = readFileSync(join(DIST, 'extension.js')).length;
    assert.ok(size < 400_000, `dist/extension.js is ${size} bytes; move what activation does not need behind await import()`);
  });

  it('loads the code behind the Cluster view and the stack commands on first use, not at activation', () => {
    const meta = JSON.parse(readFileSync(join(DIST, 'extension.meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const eager = Object.keys(meta.inputs).filter((input) => !input.startsWith('lazy-core:'));
    // The shell (view registration, status item, command ids) is eager; the model, watch cache and commands are not.
    assert.ok(eager.includes('src/editor/tree/clusterViewShell.ts'), 'the Cluster view shell registers at activation');
    const loadedLater = ['src/editor/tree/clusterTreeModel.ts', 'src/editor/tree/clusterFeatures.ts', 'src/editor/statusBar.ts', 'src/editor/commands/deployStack.ts', 'src/editor/commands/generateManifests.ts'];
    assert.deepEqual(eager.filter((input) => loadedLater.includes(input) || input.startsWith('src/kube/')), []);
  });

  it('uses the vscode API object as it is, not a copy of it per importing module', () => {
    // esbuild's __toESM copy of the API object cost ~20 ms of activation in code-server (measured beside a peer).
    for (const bundle of ['extension.js', 'core.js']) {
      const text = readFileSync(join(DIST, bundle), 'utf8');
      assert.equal(text.match(/__toESM\(require\("vscode"\)\)/g)?.length ?? 0, 0, `${bundle} copies the vscode API`);
      assert.ok(text.includes('= require("vscode");'), `${bundle} requires the vscode API`);
    }
  });

  it('loads every lazily imported core module from dist/core.js', () => {
    // dist/core.js needs the vscode module, so it is read rather than loaded here.
    const core = readFileSync(join(DIST, 'core.js'), 'utf8');
    const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
    const keys = [...extension.matchAll(/require\("\.\/core\.js"\)\["([^"]+)"\]/g)].map((m) => m[1]!);
    assert.ok(keys.length > 0, 'the extension loads core modules lazily');
    for (const key of keys) assert.ok(core.includes(`exports[${JSON.stringify(key)}] = `), `dist/core.js exports ${key}`);
  });
});
