// A fast reader of manifest values, for `apply` and the other commands that only need each document's value and
// where it starts. js-yaml (a maintained library, already in the dependency tree through @kubernetes/client-node)
// reads the stack's ~80 KB of manifests about five times faster than `yaml`, which builds a full document model with
// every node's source range. It is given the scalar rules of `yaml`'s default schema (YAML 1.2 core, copied from
// yaml/dist/schema/core) so both agree on `yes`, `on`, `0777`, `1e3`, `~` and dates. Whatever this reader might
// read differently is left to `yaml`: it returns undefined for a stream with a directive, an alias, a complex or
// null key, or anything js-yaml rejects (`yaml` then gives the value, or the error with its file and line).
import { FAILSAFE_SCHEMA, loadAll, type State } from 'js-yaml';
import { FLOAT_NAN, NULL_TYPE, nanOrInfinity, scalarType as scalar } from '../util/yamlScalars';

/** One document's value and the 1-based line its content starts on. */
export interface ReadDocument {
  readonly value: unknown;
  readonly line: number;
}

// yaml's core schema tags, in its order: null, bool, int (octal, decimal, hex), float (nan/inf, exponent, decimal).
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const toInt = (s: string): number =>
  INT_OCT.test(s) ? parseInt(s.substring(2), 8) : INT_HEX.test(s) ? parseInt(s.substring(2), 16) : parseInt(s, 10);
const toFloat = (s: string): number => (FLOAT_NAN.test(s) ? nanOrInfinity(s) : parseFloat(s));

const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    NULL_TYPE,
    scalar(
      'bool',
      (s) => BOOL.test(s),
      (s) => s.startsWith('t') || s.startsWith('T'),
    ),
    scalar('int', (s) => INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s), toInt),
    scalar('float', (s) => FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s), toFloat),
  ],
});

/**
 * Where the two libraries could disagree: a directive (`%YAML 1.1` changes `yaml`'s schema), an alias (`yaml` limits
 * alias expansion), an explicit `?` key, a collection or null key (keys are stringified differently). A false alarm
 * only costs speed.
 */
const LEFT_TO_YAML = [
  /^%/m,
  /(?:^|[\s,[{])\*[^\s,[\]{}]/,
  /(?:^|[\s,[{])\?(?:\s|$)/,
  /(?:^|[\s,[{])(?:~|[Nn]ull|NULL)?[ \t]*:(?:[ \t]|$)/m,
  /[\]}][ \t]*:(?:[ \t]|$)/m,
];

/** The stream's non-empty documents, or undefined when `yaml` must read it (see LEFT_TO_YAML; any js-yaml error). */
export function readDocuments(text: string): ReadDocument[] | undefined {
  const all = readAll(text);
  return all?.flatMap((d) => (d.value === null || d.value === undefined ? [] : [d]));
}

/**
 * The value of a stream of exactly one document, as `yaml`'s `parse(text, { merge: true })` gives it (a kubeconfig),
 * or undefined when `yaml` must read it: also for merge keys (`<<`), which YAML 1.2 core does not have.
 */
export function readOneDocument(text: string): { value: unknown } | undefined {
  if (text.includes('<<')) return undefined;
  const all = readAll(text);
  return all?.length === 1 && all[0] ? { value: all[0].value } : undefined;
}

/** Every document, empty ones included (as null). */
function readAll(text: string): ReadDocument[] | undefined {
  if (LEFT_TO_YAML.some((pattern) => pattern.test(text))) return undefined;
  const lines: number[] = [];
  const listener = (event: string, state: State): void => {
    if (event !== 'open' || (state as State & { depth?: number }).depth !== 1) return;
    // A tag or anchor before a document's content: `yaml` counts the content's line, which may be a later one.
    lines.push(/[!&]/.test(state.input.charAt(state.position)) ? Number.NaN : state.line + 1);
  };
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: CORE_SCHEMA, listener });
  } catch {
    return undefined;
  }
  if (lines.length !== values.length || lines.some(Number.isNaN)) return undefined;
  return values.map((value, i) => ({ value, line: lines[i] ?? 1 }));
}
