// Precision of error-level findings on the held-out corpus (test/fixtures/lint-heldout), written before the
// linter ran on it: a finding is true when it, or the place it points at, is on a line marked `# true-error`.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { lintCommand } from '../../src/cli/lint';
import type { FindingRecord } from '../../src/lint';

const ROOT = join(__dirname, '../fixtures/lint-heldout');

export async function lintPrecision(): Promise<Record<string, unknown>> {
  const out: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: () => undefined, cwd: ROOT, env: {} };
  await lintCommand(['.', '--format', 'json'], io);
  const records = JSON.parse(out.join('\n')) as FindingRecord[];
  const marked = (file: string, line: number) =>
    readFileSync(join(ROOT, file), 'utf8').split('\n')[line - 1]?.includes('# true-error') ?? false;
  const errors = records.filter((r) => r.severity === 'error');
  const truth = errors.filter(
    (r) => marked(r.file, r.line) || (r.related ?? []).some((l) => marked(relative(ROOT, join(ROOT, l.file)), l.line)),
  );
  for (const r of errors)
    console.error(`${truth.includes(r) ? 'TRUE ' : 'FALSE'} ${r.file}:${r.line} ${r.rule}: ${r.message}`);
  return {
    bench: 'lint-precision',
    errors: errors.length,
    true_errors: truth.length,
    precision: errors.length ? Math.round((truth.length / errors.length) * 1000) / 1000 : 1,
    findings: records.length,
  };
}

if (require.main === module) void lintPrecision().then((r) => console.log(JSON.stringify(r)));
