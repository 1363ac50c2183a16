import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ExistingFiles, WritePlan } from '../stack/generate';
import { ExitCode, UsageError, type CliIo } from './io';

/** The files among `paths` that exist under `dir`, with their text, for the no-clobber plan. */
export async function readExisting(dir: string, paths: readonly string[]): Promise<ExistingFiles> {
  const found = new Map<string, string>();
  await Promise.all(
    paths.map(async (path) => {
      const text = await readFile(join(dir, path), 'utf8').catch(() => undefined);
      if (text !== undefined) found.set(path, text);
    }),
  );
  return found;
}

/**
 * Writes a plan under the CLI's no-clobber rule: a file that exists and differs is never overwritten without
 * `--force`; then nothing at all is written, the files are listed and the exit code is 3.
 */
export async function writePlanToDisk(io: CliIo, command: string, out: string, plan: Pick<WritePlan, 'create' | 'unchanged' | 'conflicts'>, force: boolean): Promise<number> {
  const { create, unchanged, conflicts } = plan;
  const shown = relative(io.cwd, out) || '.';
  if (conflicts.length > 0 && !force) {
    io.err(`starter-stack ${command}: ${conflicts.length} file(s) in ${shown} differ from what would be written; nothing was written:`);
    for (const file of conflicts) io.err(`  ${join(shown, file.path)}`);
    io.err('Review them, or pass --force to overwrite.');
    return ExitCode.wouldOverwrite;
  }
  for (const file of [...create, ...conflicts]) {
    const target = join(out, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { encoding: 'utf8', mode: file.mode });
    // writeFile's mode applies to a new file only; an overwritten secrets.env must end up 0600 too.
    if (file.mode !== undefined) await chmod(target, file.mode);
  }
  const overwritten = conflicts.length > 0 ? `, ${conflicts.length} overwritten (--force)` : '';
  io.out(`Wrote ${create.length + conflicts.length} file(s) to ${shown} (${unchanged.length} unchanged${overwritten}).`);
  return ExitCode.ok;
}

/** The options every writing subcommand (generate, scaffold) takes, for node:util parseArgs. */
export const WRITE_OPTIONS = {
  out: { type: 'string' },
  namespace: { type: 'string' },
  'image-prefix': { type: 'string' },
  tag: { type: 'string' },
  host: { type: 'string' },
  force: { type: 'boolean' },
} as const;

/** The shared part of a writing subcommand's arguments: where, whether to overwrite, and the common stack options. */
export function writeArgs(
  values: { out?: string; namespace?: string; 'image-prefix'?: string; tag?: string; host?: string; force?: boolean },
  positionals: readonly string[],
) {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new UsageError('--out DIR is required');
  return {
    out: values.out,
    force: values.force ?? false,
    input: { namespace: values.namespace, imagePrefix: values['image-prefix'], tag: values.tag, host: values.host },
  };
}
