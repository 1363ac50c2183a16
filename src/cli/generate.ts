import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateStack, type ExistingFiles } from '../stack/generate';
import type { GeneratedFile } from '../stack/render';
import { ExitCode, UsageError, type CliIo } from './io';

export const GENERATE_USAGE = `starter-stack generate --out DIR [--namespace NS] [--components a,b,...] [--image-prefix P] [--tag T]
                       [--host H] [--hpa-min N] [--hpa-max N] [--storage-class C] [--metrics-server] [--force]`;

function parseGenerateArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      namespace: { type: 'string' },
      components: { type: 'string' },
      'image-prefix': { type: 'string' },
      tag: { type: 'string' },
      host: { type: 'string' },
      'hpa-min': { type: 'string' },
      'hpa-max': { type: 'string' },
      'storage-class': { type: 'string' },
      'metrics-server': { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new UsageError('--out DIR is required');
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  return {
    out: values.out,
    force: values.force ?? false,
    input: {
      namespace: values.namespace,
      components: values.components?.split(',').map((c) => c.trim()).filter(Boolean),
      imagePrefix: values['image-prefix'],
      tag: values.tag,
      host: values.host,
      hpaMin: int('hpa-min', values['hpa-min']),
      hpaMax: int('hpa-max', values['hpa-max']),
      storageClass: values['storage-class'],
      metricsServer: values['metrics-server'],
    },
  };
}

async function readExisting(dir: string, paths: readonly string[]): Promise<ExistingFiles> {
  const found = new Map<string, string>();
  for (const path of paths) {
    const text = await readFile(join(dir, path), 'utf8').catch(() => undefined);
    if (text !== undefined) found.set(path, text);
  }
  return found;
}

async function writeAll(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
}

/** `starter-stack generate`: writes the stack; refuses to overwrite a changed file unless --force. */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseGenerateArgs(argv);
  const out = resolve(io.cwd, args.out);
  const { COMPONENT_IDS } = await import('../stack/components');
  const candidates = [...COMPONENT_IDS.map((id) => `${id}.yaml`), 'kustomization.yaml'];
  const plan = await generateStack(args.input, await readExisting(out, candidates));
  if (!plan.ok) {
    io.err(`starter-stack generate: ${plan.error}`);
    return ExitCode.badArguments;
  }
  const { create, unchanged, conflicts } = plan.value;
  const shown = relative(io.cwd, out) || '.';
  if (conflicts.length > 0 && !args.force) {
    io.err(`starter-stack generate: ${conflicts.length} file(s) in ${shown} differ from what would be written; nothing was written:`);
    for (const file of conflicts) io.err(`  ${join(shown, file.path)}`);
    io.err('Review them, or pass --force to overwrite.');
    return ExitCode.wouldOverwrite;
  }
  await writeAll(out, [...create, ...conflicts]);
  const overwritten = conflicts.length > 0 ? `, ${conflicts.length} overwritten (--force)` : '';
  io.out(`Wrote ${create.length + conflicts.length} file(s) to ${shown} (${unchanged.length} unchanged${overwritten}).`);
  io.out(`Components: ${plan.value.options.components.join(', ')}`);
  io.out(`Next: kubectl apply -k ${shown}   or   starter-stack apply ${shown}`);
  return ExitCode.ok;
}
