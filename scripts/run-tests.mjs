// Runs Node's test runner over the TypeScript test files under the given folders (Node 20 has no glob for --test).
// Usage: node scripts/run-tests.mjs test/unit [test/integration ...] [-- extra node args]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const roots = split === -1 ? args : args.slice(0, split);
const extra = split === -1 ? [] : args.slice(split + 1);

function collect(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? collect(join(path, e.name)) : e.name.endsWith('.test.ts') ? [join(path, e.name)] : [],
    )
    .sort();
}

const files = roots.flatMap(collect);
if (files.length === 0) {
  console.error(`no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
