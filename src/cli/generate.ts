import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateStack } from '../stack/generate';
import { ExitCode, UsageError, type CliIo } from './io';
import { readExisting, writeArgs, WRITE_OPTIONS, writePlanToDisk } from './writeFiles';

export const GENERATE_USAGE = `starter-stack generate --out DIR [--namespace NS] [--components a,b,...] [--image-prefix P] [--tag T]
                       [--host H] [--hpa-min N] [--hpa-max N] [--storage-class C] [--metrics-server] [--force]`;

function parseGenerateArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      ...WRITE_OPTIONS,
      components: { type: 'string' },
      'hpa-min': { type: 'string' },
      'hpa-max': { type: 'string' },
      'storage-class': { type: 'string' },
      'metrics-server': { type: 'boolean' },
    },
  });
  const shared = writeArgs(values, positionals);
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  return {
    ...shared,
    input: {
      ...shared.input,
      components: values.components?.split(',').map((c) => c.trim()).filter(Boolean),
      hpaMin: int('hpa-min', values['hpa-min']),
      hpaMax: int('hpa-max', values['hpa-max']),
      storageClass: values['storage-class'],
      metricsServer: values['metrics-server'],
    },
  };
}



/** `starter-stack generate`: writes the stack; refuses to overwrite a changed file unless --force. */
export async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseGenerateArgs(argv);
  const out = resolve(io.cwd, args.out);
  const { STACK_FILE_PATHS } = await import('../stack/render');
  const plan = await generateStack(args.input, await readExisting(out, STACK_FILE_PATHS));
  if (!plan.ok) {
    io.err(`starter-stack generate: ${plan.error}`);
    return ExitCode.badArguments;
  }
  const written = await writePlanToDisk(io, 'generate', out, plan.value, args.force);
  if (written !== ExitCode.ok) return written;
  const shown = relative(io.cwd, out) || '.';
  for (const warning of plan.value.warnings) io.err(`starter-stack generate: in ${shown}, ${warning}`);
  io.out(`Components: ${plan.value.options.components.join(', ')}`);
  io.out(`Next: kubectl apply -k ${shown}   or   starter-stack apply ${shown}`);
  return ExitCode.ok;
}
