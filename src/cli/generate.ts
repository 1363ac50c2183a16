import { relative, resolve } from 'node:path';
import { generateStack } from '../stack/generate';
import { DEFAULT_OPTIONS } from '../stack/options';
import { INT32_MAX, parseOptions, wholeNumber } from './args';
import { ExitCode, UsageError, type CliIo } from './io';
import { prepareOutput, writeArgs, WRITE_OPTIONS, writePlanToDisk } from './writeFiles';

function parseGenerateArgs(argv: string[]) {
  const { values, positionals } = parseOptions(argv, {
    ...WRITE_OPTIONS,
    components: { type: 'string' },
    'hpa-min': { type: 'string' },
    'hpa-max': { type: 'string' },
    'storage-class': { type: 'string' },
    'metrics-server': { type: 'boolean' },
  });
  const shared = writeArgs(values, positionals);
  const hpaMin = wholeNumber('hpa-min', values['hpa-min'], { min: 1, max: INT32_MAX });
  const hpaMax = wholeNumber('hpa-max', values['hpa-max'], { min: 1, max: INT32_MAX });
  const min = hpaMin ?? DEFAULT_OPTIONS.hpaMin;
  const max = hpaMax ?? DEFAULT_OPTIONS.hpaMax;
  if (max < min) {
    const shown = (name: string, value: number, given: boolean) => `${given ? '' : 'the default '}--${name} ${value}`;
    throw new UsageError(
      `${shown('hpa-max', max, hpaMax !== undefined)} is below ${shown('hpa-min', min, hpaMin !== undefined)}; --hpa-max must be at least --hpa-min`,
    );
  }
  return {
    ...shared,
    input: {
      ...shared.input,
      components: values.components
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      hpaMin,
      hpaMax,
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
  const existing = await prepareOutput(io, 'generate', out, STACK_FILE_PATHS);
  if (typeof existing === 'number') return existing;
  const plan = await generateStack(args.input, existing);
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
