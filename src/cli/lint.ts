import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { LintConfig, RuleSetting } from '../lint/types';
import { parseOptions } from './args';
import { ExitCode, UsageError, type CliIo } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const SETTINGS = new Set<string>(['off', 'error', 'warning', 'info']);
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist']);

function parseLintArgs(argv: string[]): { paths: string[]; format: Format; config: LintConfig } {
  const { values, positionals } = parseOptions(argv, { format: { type: 'string' }, rule: { type: 'string', multiple: true } });
  if (positionals.length === 0) throw new UsageError('at least one PATH (file or folder) is required');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json or sarif, got "${values.format}"`);
  const rules: Record<string, RuleSetting> = {};
  for (const entry of values.rule ?? []) {
    const [id, setting] = entry.split('=', 2);
    if (!id || !setting || !SETTINGS.has(setting)) throw new UsageError(`--rule wants ID=off|error|warning|info, got "${entry}"`);
    rules[id] = setting as RuleSetting;
  }
  return { paths: positionals, format, config: { rules } };
}

/** What could not be linted: skipped (a note) or unreadable (a problem: exit 1). One line each. */
interface Unlinted {
  readonly skipped: string[];
  readonly unreadable: string[];
}

/**
 * Files named on the command line are linted as given; folders contribute their Kubernetes-looking YAML. Only
 * regular files are opened: reading a FIFO or a device would wait forever.
 */
async function collect(path: string, explicit: boolean, looksLike: (text: string) => boolean, out: Map<string, string>, unlinted: Unlinted): Promise<void> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error && explicit && info.code === 'ENOENT') throw new UsageError(`no such file or folder: ${path}`);
  if (info instanceof Error) return void unlinted.unreadable.push(`cannot read ${path}: ${info.code ?? info.message}`);
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => e);
    if (entries instanceof Error) return void unlinted.unreadable.push(`cannot read the folder ${path}: ${entries.code ?? entries.message}`);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
      if (entry.isDirectory() || /\.ya?ml$/.test(entry.name)) await collect(join(path, entry.name), false, looksLike, out, unlinted);
    }
    return;
  }
  if (!info.isFile()) return void unlinted.skipped.push(`skipped ${path}: not a regular file (a FIFO, socket or device)`);
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => e);
  if (text instanceof Error) return void unlinted.unreadable.push(`cannot read ${path}: ${text.code ?? text.message}`);
  if (explicit || looksLike(text)) out.set(path, text);
}

/** `starter-stack lint`: exit 1 when any error-level finding, else 0; 2 on bad arguments. */
export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseLintArgs(argv);
  const { LintEngine, looksLikeKubernetes, toRecord, formatText, formatSarif } = await import('../lint');
  const files = new Map<string, string>();
  const unlinted: Unlinted = { skipped: [], unreadable: [] };
  for (const path of args.paths) await collect(resolve(io.cwd, path), true, looksLikeKubernetes, files, unlinted);
  for (const line of [...unlinted.skipped, ...unlinted.unreadable]) io.err(`starter-stack lint: ${line}`);
  const engine = new LintEngine({ config: args.config, onRuleError: (rule, e) => io.err(`starter-stack lint: rule ${rule} failed: ${String(e)}`) });
  for (const [path, text] of files) engine.setFile(path, text);
  const records = [...files.keys()].flatMap((path) => engine.lintFile(path).map((f) => toRecord(f, relative(io.cwd, path) || path)));
  if (args.format === 'json') io.out(JSON.stringify(records));
  else if (args.format === 'sarif') io.out(JSON.stringify(formatSarif(records), null, 2));
  else formatText(records).forEach((line) => io.out(line));
  return records.some((r) => r.severity === 'error') || unlinted.unreadable.length > 0 ? ExitCode.failed : ExitCode.ok;
}
