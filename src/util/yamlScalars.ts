// What the two js-yaml readers (src/kube/manifestReader.ts for apply, YAML 1.2 core; src/lint/fastValue.ts for the
// linter, YAML 1.1) share of the scalar rules they copy from `yaml`'s schemas: how a rule becomes a js-yaml type, and
// the null and not-a-number/infinity scalars, which both schemas spell the same.
import { Type } from 'js-yaml';

/** A js-yaml implicit scalar type from a test and a constructor (js-yaml passes null for an empty scalar). */
export const scalarType = (tag: string, resolve: (s: string) => boolean, construct: (s: string) => unknown): Type =>
  new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => resolve(s ?? ''), construct });

const NULL = /^(?:~|[Nn]ull|NULL)?$/;

/** `~`, `null`, `Null`, `NULL` and the empty scalar. */
export const NULL_TYPE = scalarType(
  'null',
  (s) => NULL.test(s),
  () => null,
);

/** `.inf`, `-.Inf`, `.nan` and their case variants. */
export const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** The value of a FLOAT_NAN scalar. */
export function nanOrInfinity(s: string): number {
  if (s.slice(-3).toLowerCase() === 'nan') return NaN;
  return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}
