import { parseArgs } from 'node:util';
import { closest } from '../util/closest';
import { own } from '../util/own';
import { UsageError } from './io';

/** One option of a subcommand, as `node:util` parseArgs takes it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'string'
  ? S['multiple'] extends true
    ? string[]
    : string
  : boolean;
export type OptionValues<O extends OptionSpecs> = { -readonly [K in keyof O]?: ValueOf<O[K]> };

/** The largest value of a Kubernetes int32 field (replicas, HPA bounds). */
export const INT32_MAX = 2147483647;

/**
 * Parses a subcommand's arguments with parseArgs, judging every option itself so that each problem is one line
 * naming the option: unknown options (with "did you mean"), a missing value, a value given to a flag, and an
 * option swallowing the next option as its value. A negative number is accepted as a value here and judged by
 * the option's own check (`wholeNumber`), which says what is wrong with it.
 */
export function parseOptions<const O extends OptionSpecs>(
  argv: readonly string[],
  options: O,
): { values: OptionValues<O>; positionals: string[] } {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = own(options, token.name);
    if (!spec) throw new UsageError(unknownOption(token.rawName, options));
    if (spec.type === 'boolean' && token.value !== undefined)
      throw new UsageError(`${token.rawName} takes no value, got "${token.value}"`);
    if (spec.type === 'string' && token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
    if (spec.type === 'string' && !token.inlineValue && isOptionLike(token.value ?? '')) {
      throw new UsageError(
        `${token.rawName} needs a value, got the option "${token.value}" (write ${token.rawName}=${token.value} if that is the value)`,
      );
    }
  }
  return { values, positionals };
}

/** A token that looks like an option rather than a value; negative numbers are values. */
const isOptionLike = (value: string): boolean => value.startsWith('-') && value.length > 1 && !/^-\d/.test(value);

function unknownOption(raw: string, options: OptionSpecs): string {
  const names = [...Object.keys(options), 'help'];
  const typed = raw.replace(/^-+/, '');
  const guess = raw.startsWith('--')
    ? closest(typed, names, { prefix: true })
    : Object.entries(options).find(([, s]) => s.short?.toLowerCase() === typed.toLowerCase())?.[0];
  return `unknown option ${raw}${guess ? ` (did you mean --${guess}?)` : ''}`;
}

/** A whole-number option within bounds; says which bound a value breaks (a negative number included). */
export function wholeNumber(
  name: string,
  raw: string | undefined,
  bounds: { min: number; max: number },
): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < bounds.min) throw new UsageError(`--${name} must be at least ${bounds.min}, got ${raw}`);
  if (value > bounds.max) throw new UsageError(`--${name} must be at most ${bounds.max}, got ${raw}`);
  return value;
}

/** One of a fixed set of words. */
export function oneOf<const T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${name} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, got "${raw}"`);
}

/** Refuses positional arguments beyond the `expected` ones. */
export function noExtraPositionals(positionals: readonly string[], expected = 0): void {
  const extra = positionals[expected];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
}

/** The one line a usage error prints (`starter-stack COMMAND --help` has the rest). */
export function usageErrorLine(command: string, message: string): string {
  return `starter-stack ${command}: ${message}`;
}
