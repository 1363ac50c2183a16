import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

describe('@kubernetes/client-node stays off the module-load path', () => {
  it('src/kube and the apply/delete commands only reach it (through src/kube/clientNode.ts) with await import()', async () => {
    const entryPoints = [
      ...readdirSync(join(ROOT, 'src', 'kube'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(ROOT, 'src', 'kube', f)),
      join(ROOT, 'src', 'cli', 'apply.ts'),
      join(ROOT, 'src', 'cli', 'delete.ts'),
    ];
    const result = await build({
      entryPoints,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      outdir: '/tmp/lazy-check',
      packages: 'external',
      logLevel: 'silent',
    });
    const lazy = (path: string): boolean =>
      path.startsWith('@kubernetes/client-node') || path.endsWith('src/kube/clientNode.ts');
    const staticImports = Object.entries(result.metafile.inputs)
      .filter(([file]) => !file.endsWith('src/kube/clientNode.ts'))
      .flatMap(([file, input]) =>
        input.imports
          .filter((i) => lazy(i.path) && i.kind !== 'dynamic-import')
          .map((i) => `${file} → ${i.path} (${i.kind})`),
      );
    assert.deepEqual(staticImports, []);
  });
});
