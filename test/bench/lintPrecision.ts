// Precision of error-level findings on the held-out corpora (test/fixtures/lint-heldout, lint-heldout-2 … -11), each
// written before the linter ran on it: a finding is true when it, or a place it points at, is on a line marked
// `# true-error`. The false and true findings go to stderr, one line each, so a drop can be read.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { lintCommand } from '../../src/cli/lint';
import type { FindingRecord } from '../../src/lint';

const CORPORA = {
  precision: 'lint-heldout',
  precision_heldout2: 'lint-heldout-2',
  precision_heldout3: 'lint-heldout-3',
  precision_heldout4: 'lint-heldout-4',
  precision_heldout5: 'lint-heldout-5',
  precision_heldout6: 'lint-heldout-6',
  precision_heldout7: 'lint-heldout-7',
  precision_heldout8: 'lint-heldout-8',
  precision_heldout9: 'lint-heldout-9',
  precision_heldout10: 'lint-heldout-10',
  precision_heldout11: 'lint-heldout-11',
} as const;

async function measure(root: string): Promise<{ errors: number; trueErrors: number; findings: number }> {
  const out: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: () => undefined, cwd: root, env: {} };
  await lintCommand(['.', '--format', 'json'], io);
  const records = JSON.parse(out.join('\n')) as FindingRecord[];
  const marked = (file: string, line: number) =>
    readFileSync(join(root, file), 'utf8').split('\n')[line - 1]?.includes('# true-error') ?? false;
  const errors = records.filter((r) => r.severity === 'error');
  const truth = errors.filter(
    (r) => marked(r.file, r.line) || (r.related ?? []).some((l) => marked(relative(root, join(root, l.file)), l.line)),
  );
  for (const r of errors)
    console.error(`${truth.includes(r) ? 'TRUE ' : 'FALSE'} ${r.file}:${r.line} ${r.rule}: ${r.message}`);
  return { errors: errors.length, trueErrors: truth.length, findings: records.length };
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 1);

export async function lintPrecision(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { bench: 'lint-precision' };
  for (const [key, folder] of Object.entries(CORPORA)) {
    console.error(`-- ${folder}`);
    const m = await measure(join(__dirname, '../fixtures', folder));
    const suffix = key.slice('precision'.length);
    Object.assign(result, {
      [key]: ratio(m.trueErrors, m.errors),
      [`errors${suffix}`]: m.errors,
      [`true_errors${suffix}`]: m.trueErrors,
      [`findings${suffix}`]: m.findings,
    });
  }
  return result;
}

if (require.main === module) void lintPrecision().then((r) => console.log(JSON.stringify(r)));
