import { num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { isPlaceholder } from './formats';
import type { Problems } from './problems';

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
