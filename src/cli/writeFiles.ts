import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ExistingFiles, WritePlan } from '../stack/generate';
import { own } from '../util/own';
import { ExitCode, UsageError, type CliIo } from './io';

/**
 * Every problem that would stop writing `paths` under `dir`, one line each, found before anything is written:
 * the folder is a file, a file's place holds a folder, a part of a path is a symbolic link (never followed, so a
 * link cannot lead a write out of the folder), or the place cannot be written (permissions, read-only).
 */
export async function writeTargetProblems(dir: string, paths: readonly string[], shown: string): Promise<string[]> {
  const root = await stat(dir).catch((e: NodeJS.ErrnoException) => e);
  const link = await lstat(dir).catch(() => undefined);
  if (root instanceof Error && link?.isSymbolicLink())
    return [`${shown} is a symbolic link to nothing; not following it`];
  if (root instanceof Error && (root.code === 'ENOENT' || root.code === 'ENOTDIR')) {
    const missing = await creatableFolderProblem(dir, shown);
    return missing ? [missing] : [];
  }
  if (root instanceof Error) return [`${shown}: ${describe(root)}`];
  if (!root.isDirectory()) return [`${shown} is a file, not a folder`];
  const problems = new Set<string>();
  const writableFolders = new Set<string>();
  for (const path of paths) {
    const found = await pathProblem(dir, path, shown);
    if (found.problem) problems.add(found.problem);
    else if (found.existingFolder) writableFolders.add(found.existingFolder);
  }
  for (const folder of writableFolders) {
    const denied = await access(folder, constants.W_OK).catch((e: NodeJS.ErrnoException) => e);
    if (denied) problems.add(`${join(shown, relative(dir, folder)) || shown}: ${describe(denied)}`);
  }
  return [...problems];
}

/** For a folder that does not exist yet: its nearest existing parent must be a folder we may write in. */
async function creatableFolderProblem(dir: string, shown: string): Promise<string | undefined> {
  let parent = dirname(dir);
  for (;;) {
    const info = await stat(parent).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error && (info.code === 'ENOENT' || info.code === 'ENOTDIR') && dirname(parent) !== parent) {
      parent = dirname(parent);
      continue;
    }
    if (info instanceof Error) return `${shown}: ${describe(info)}`;
    if (!info.isDirectory()) return `${shown}: ${parent} is a file, not a folder`;
    const denied = await access(parent, constants.W_OK).catch((e: NodeJS.ErrnoException) => e);
    return denied ? `${shown}: cannot create it in ${parent} (${describe(denied)})` : undefined;
  }
}

/** Walks `path` below `dir` one part at a time without following links. */
async function pathProblem(
  dir: string,
  path: string,
  shown: string,
): Promise<{ problem?: string; existingFolder?: string }> {
  const parts = path.split(/[\\/]/);
  let current = dir;
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const next = join(current, part);
    const where = join(shown, relative(dir, next));
    const info = await lstat(next).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error)
      return info.code === 'ENOENT' ? { existingFolder: current } : { problem: `${where}: ${describe(info)}` };
    if (info.isSymbolicLink())
      return { problem: `${where} is a symbolic link; not following it (remove it, or write elsewhere)` };
    if (last && info.isDirectory()) return { problem: `${where} is a folder where a file should go` };
    if (last && !info.isFile()) return { problem: `${where} is not a regular file` };
    if (!last && !info.isDirectory()) return { problem: `${where} is a file where a folder should go` };
    current = next;
  }
  return { existingFolder: dirname(join(dir, path)) };
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** A file-system error as words, without the stack or the syscall's internals. */
function describe(e: NodeJS.ErrnoException): string {
  return (e.code === undefined ? undefined : own(FS_ERRORS, e.code)) ?? e.code ?? e.message;
}

/**
 * Checks the targets, then reads the files among `paths` that exist under `dir`, with their text, for the
 * no-clobber plan. A number is the exit code after the problems were printed (nothing was written).
 */
export async function prepareOutput(
  io: CliIo,
  command: string,
  dir: string,
  paths: readonly string[],
): Promise<ExistingFiles | number> {
  const shown = relative(io.cwd, dir) || '.';
  const problems = await writeTargetProblems(dir, paths, shown);
  if (problems.length > 0) return reportProblems(io, command, problems);
  const found = new Map<string, string>();
  await Promise.all(
    paths.map(async (path) => {
      const text = await readFile(join(dir, path), 'utf8').catch((e: NodeJS.ErrnoException) => e);
      if (typeof text === 'string') found.set(path, text);
      else if (text.code !== 'ENOENT') problems.push(`${join(shown, path)}: cannot read it (${describe(text)})`);
    }),
  );
  return problems.length > 0 ? reportProblems(io, command, problems.sort()) : found;
}

function reportProblems(io: CliIo, command: string, problems: readonly string[]): number {
  for (const problem of problems) io.err(`starter-stack ${command}: ${problem}`);
  io.err(`starter-stack ${command}: nothing was written.`);
  return ExitCode.failed;
}

/**
 * Writes a plan under the CLI's no-clobber rule: a file that exists and differs is never overwritten without
 * `--force`; then nothing at all is written, the files are listed and the exit code is 3. Every target is checked
 * again before the first write.
 */
export async function writePlanToDisk(
  io: CliIo,
  command: string,
  out: string,
  plan: Pick<WritePlan, 'create' | 'unchanged' | 'conflicts'>,
  force: boolean,
): Promise<number> {
  const { create, unchanged, conflicts } = plan;
  const shown = relative(io.cwd, out) || '.';
  if (conflicts.length > 0 && !force) {
    io.err(
      `starter-stack ${command}: ${conflicts.length} file(s) in ${shown} differ from what would be written; nothing was written:`,
    );
    for (const file of conflicts) io.err(`  ${join(shown, file.path)}`);
    io.err('Review them, or pass --force to overwrite.');
    return ExitCode.wouldOverwrite;
  }
  const files = [...create, ...conflicts];
  const problems = await writeTargetProblems(
    out,
    files.map((f) => f.path),
    shown,
  );
  if (problems.length > 0) return reportProblems(io, command, problems);
  let written = 0;
  try {
    for (const file of files) {
      const target = join(out, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, { encoding: 'utf8', mode: file.mode });
      // writeFile's mode applies to a new file only; an overwritten secrets.env must end up 0600 too.
      if (file.mode !== undefined) await chmod(target, file.mode);
      written++;
    }
  } catch (e) {
    const failed = files[written]?.path ?? '';
    io.err(
      `starter-stack ${command}: cannot write ${join(shown, failed)} (${describe(e as NodeJS.ErrnoException)}); ${written} of ${files.length} file(s) were written before it.`,
    );
    return ExitCode.failed;
  }
  const overwritten = conflicts.length > 0 ? `, ${conflicts.length} overwritten (--force)` : '';
  io.out(`Wrote ${files.length} file(s) to ${shown} (${unchanged.length} unchanged${overwritten}).`);
  return ExitCode.ok;
}

/** The options every writing subcommand (generate, scaffold) takes. */
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
