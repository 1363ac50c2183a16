import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExistingFiles } from '../stack/generate';
import type { GeneratedFile } from '../stack/render';
import { ExitCode, UsageError, type CliIo } from './io';

export const SCAFFOLD_USAGE = `starter-stack scaffold --out DIR [--namespace NS] [--image-prefix P] [--tag T] [--host H] [--force]`;

function parseScaffoldArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      namespace: { type: 'string' },
      'image-prefix': { type: 'string' },
      tag: { type: 'string' },
      host: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new UsageError('--out DIR is required');
  return {
    out: values.out,
    force: values.force ?? false,
    input: { namespace: values.namespace, imagePrefix: values['image-prefix'], tag: values.tag, host: values.host },
  };
}

async function readExisting(dir: string, paths: readonly string[]): Promise<ExistingFiles> {
  const found = new Map<string, string>();
  await Promise.all(
    paths.map(async (path) => {
      const text = await readFile(join(dir, path), 'utf8').catch(() => undefined);
      if (text !== undefined) found.set(path, text);
    }),
  );
  return found;
}

async function writeAll(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
}

/** `starter-stack scaffold`: writes manifests (k8s/) and the four apps (apps/); refuses to overwrite a changed file unless --force. */
export async function scaffoldCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseScaffoldArgs(argv);
  const out = resolve(io.cwd, args.out);
  const [{ loadAppFiles }, { scaffoldPaths, scaffoldProject, DEFAULT_LAYOUT }] = await Promise.all([import('../stack/apps'), import('../stack/scaffold')]);
  const appFiles = await loadAppFiles();
  const plan = await scaffoldProject(args.input, await readExisting(out, scaffoldPaths(appFiles)), { appFiles });
  if (!plan.ok) {
    io.err(`starter-stack scaffold: ${plan.error}`);
    return ExitCode.badArguments;
  }
  const { create, unchanged, conflicts } = plan.value;
  const shown = relative(io.cwd, out) || '.';
  if (conflicts.length > 0 && !args.force) {
    io.err(`starter-stack scaffold: ${conflicts.length} file(s) in ${shown} differ from what would be written; nothing was written:`);
    for (const file of conflicts) io.err(`  ${join(shown, file.path)}`);
    io.err('Review them, or pass --force to overwrite.');
    return ExitCode.wouldOverwrite;
  }
  await writeAll(out, [...create, ...conflicts]);
  const overwritten = conflicts.length > 0 ? `, ${conflicts.length} overwritten (--force)` : '';
  io.out(`Wrote ${create.length + conflicts.length} file(s) to ${shown} (${unchanged.length} unchanged${overwritten}).`);
  io.out(`Manifests in ${join(shown, DEFAULT_LAYOUT.manifests)}, apps in ${join(shown, DEFAULT_LAYOUT.apps)}.`);
  io.out(`Next: starter-stack images build --dir ${shown} && starter-stack images load --dir ${shown}, then kubectl apply -k ${join(shown, DEFAULT_LAYOUT.manifests)}`);
  io.out(`Or locally: docker compose -f ${join(shown, DEFAULT_LAYOUT.apps, 'docker-compose.yml')} up --build`);
  return ExitCode.ok;
}
