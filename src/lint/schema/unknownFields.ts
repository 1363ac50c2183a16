import { closest } from '../../util/closest';
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
