import { own } from '../../util/own';
import { list, rec } from '../access';
import type { Path } from '../parse';
import type { FieldTable } from './fieldTable';
import fieldsJson from './fields.json';

const FIELDS = fieldsJson as FieldTable;

export interface UnknownField {
  readonly path: Path;
  readonly field: string;
  readonly suggestion: string | undefined;
}

/** Fields the API does not know, walking the object through the generated field table from its root type. */
export function unknownFields(value: unknown, rootType: string): UnknownField[] {
  const found: UnknownField[] = [];
  walk(value, rootType, [], found);
  return found;
}

function walk(value: unknown, type: string, path: Path, found: UnknownField[]): void {
  if (type.startsWith('[]')) {
    list(value).forEach((item, i) => walk(item, type.slice(2), [...path, i], found));
    return;
  }
  if (type.startsWith('{}')) {
    for (const [key, item] of Object.entries(rec(value) ?? {})) walk(item, type.slice(2), [...path, key], found);
    return;
  }
  const fields = own(FIELDS, type);
  const object = rec(value);
  if (!fields || !object) return;
  for (const [key, child] of Object.entries(object)) {
    const childType = own(fields, key);
    if (childType === undefined)
      found.push({ path: [...path, key], field: key, suggestion: closest(key, Object.keys(fields)) });
    else if (childType) walk(child, childType, [...path, key], found);
  }
}

/** The known field a typo most likely meant: a case slip, or an edit distance of at most a third of its length. */
export function closest(field: string, known: readonly string[]): string | undefined {
  const lower = field.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(field.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Edit distance counting a swap of neighbours as one edit (typos are often swaps), capped at `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let cell = Math.min((previous[j] ?? limit) + 1, (current[j - 1] ?? limit) + 1, (previous[j - 1] ?? limit) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cell = Math.min(cell, (before[j - 2] ?? limit) + 1);
      current.push(cell);
    }
    if (Math.min(...current) >= limit) return limit;
    [before, previous] = [previous, current];
  }
  return Math.min(previous[b.length] ?? limit, limit);
}
