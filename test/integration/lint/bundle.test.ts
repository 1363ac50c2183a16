// The engine must work when esbuild bundles it (dist/extension.js, dist/cli.js): the schema table's literal
// requires are bundled, so the bundle runs from a folder with no node_modules.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { build } from 'esbuild';
import type * as Lint from '../../../src/lint';

it('lints with schemas and field tables when bundled and run away from node_modules', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'starter-stack-lint-bundle-'));
  const outfile = join(dir, 'lint.js');
  await build({
    entryPoints: [join(__dirname, '../../../src/lint/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle we just built
  const { LintEngine } = require(outfile) as typeof Lint;
  const engine = new LintEngine();
  engine.setFile(
    'file:///a.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: x\n  selectr: {}\n',
  );
  const rules = engine.lintFile('file:///a.yaml').map((f) => f.rule);
  assert.ok(rules.includes('schema') && rules.includes('unknown-field'), rules.join(', '));
});
