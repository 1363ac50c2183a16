import { closest } from '../../../util/closest';
import { num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { isPlaceholder } from './formats';
import type { ProblemFix, Problems } from './problems';

export const NON_NEGATIVE = 'must be greater than or equal to 0';

/** A numeric field below its minimum (mirrors ValidateNonnegativeField and friends). */
export function atLeast(p: Problems, holder: unknown, path: Path, field: string, min: number, detail?: string): void {
  const value = num(rec(holder)?.[field]);
  if (value !== undefined && value < min)
    p.invalid([...path, field], value, detail ?? `must be greater than or equal to ${min}`);
}

/** Non-negative numeric fields of one holder. */
export function nonNegative(p: Problems, holder: unknown, path: Path, fields: readonly string[]): void {
  for (const field of fields) atLeast(p, holder, path, field, 0, NON_NEGATIVE);
}

/** A string field judged by a format; placeholders of templating tools are left alone. */
export function format(p: Problems, holder: unknown, path: Path, field: string, test: (v: string) => string[]): void {
  const value = str(rec(holder)?.[field]);
  if (value === undefined || value === '' || isPlaceholder(value)) return;
  for (const message of test(value)) p.invalid([...path, field], value, message);
}

/** Items of a list that are mappings, with their paths. */
export function items(holder: Rec | undefined, path: Path, field: string): [Rec, Path][] {
  const value = holder?.[field];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i): [Rec, Path][] => {
    const r = rec(item);
    return r ? [[r, [...path, field, i]]] : [];
  });
}

/** Reports the second and later occurrences of a key among items. */
export function duplicates(p: Problems, list: readonly [Rec, Path][], field: string): void {
  const seen = new Set<string>();
  for (const [item, path] of list) {
    const value = str(item[field]);
    if (value === undefined || value === '') continue;
    if (seen.has(value)) p.duplicate([...path, field], value);
    seen.add(value);
  }
}

const PERCENT = /^[0-9]+%$/;
const NOT_PERCENT =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/**
 * ValidatePositiveIntOrPercent and IsNotMoreThan100Percent: a number is a count (not negative), a string must be a
 * percent (up to 100% where `capped`). A quoted count (`"1"`) is a string, so it is refused; the fix writes it as a number.
 */
export function intOrPercent(p: Problems, holder: Rec | undefined, path: Path, field: string, capped = true): void {
  const value = holder?.[field];
  const at = [...path, field];
  if (typeof value === 'number' && value < 0) p.invalid(at, value, NON_NEGATIVE);
  if (typeof value !== 'string' || isPlaceholder(value)) return;
  if (PERCENT.test(value)) {
    if (capped && Number(value.slice(0, -1)) > 100) p.invalid(at, value, 'must not be greater than 100%');
    return;
  }
  const count = /^\d+$/.test(value) ? [{ title: `Write ${field} as the number ${value}`, path: at, text: value }] : [];
  p.invalid(at, value, NOT_PERCENT, undefined, count.length > 0 ? count : undefined);
}

/**
 * A fix to the supported value a misspelling most likely meant: what closest() guesses (case, typo, abbreviation), or
 * the value a longer spelling starts with (`Maximum` → `Max`).
 */
export function closestFix(value: string, supported: readonly string[], path: Path): ProblemFix[] | undefined {
  const lower = value.toLowerCase();
  const match = closest(value, supported, { prefix: true }) ?? supported.find((s) => lower.startsWith(s.toLowerCase()));
  return match ? [{ title: `Set ${String(path[path.length - 1])} to ${match}`, path, text: match }] : undefined;
}
