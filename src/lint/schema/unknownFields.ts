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

/** Strategic-merge patch directives (`$patch: delete`, `$retainKeys`, `$setElementOrder/…`): not fields of a patch. */
const DIRECTIVE = /^\$(?:patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/;

/**
 * Fields the API does not know, walking the object through the generated field table from its root type. In a patch
 * (`patch`), strategic-merge directives are not fields.
 */
export function unknownFields(value: unknown, rootType: string, patch = false): UnknownField[] {
  const found: UnknownField[] = [];
  walk(value, rootType, [], found, patch);
  return found;
}

function walk(value: unknown, type: string, path: Path, found: UnknownField[], patch: boolean): void {
  if (type.startsWith('[]')) {
    list(value).forEach((item, i) => walk(item, type.slice(2), [...path, i], found, patch));
    return;
  }
  if (type.startsWith('{}')) {
    for (const [key, item] of Object.entries(rec(value) ?? {})) walk(item, type.slice(2), [...path, key], found, patch);
    return;
  }
  const fields = own(FIELDS, type);
  const object = rec(value);
  if (!fields || !object) return;
  for (const [key, child] of Object.entries(object)) {
    const childType = own(fields, key);
    if (childType === undefined) {
      if (!(patch && DIRECTIVE.test(key)))
        found.push({ path: [...path, key], field: key, suggestion: closest(key, Object.keys(fields)) });
    } else if (childType) walk(child, childType, [...path, key], found, patch);
  }
}
