/**
 * The known fields of every API type reachable from the checked kinds, generated from @kubernetes/client-node's
 * models into fields.json (the kubernetes-models validators accept unknown fields, so typos need this).
 * Child types: `T` an object, `[]T` a list of objects, `{}T` a map of objects, `` anything else.
 */
export type FieldTable = Record<string, Record<string, string>>;

interface AttributeType {
  readonly baseName: string;
  readonly type: string;
}
type TypeMap = Record<string, { attributeTypeMap?: readonly AttributeType[] } | undefined>;

function childType(type: string, typeMap: TypeMap): string {
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1] && typeMap[array[1]]?.attributeTypeMap) return `[]${array[1]}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1] && typeMap[map[1]]?.attributeTypeMap) return `{}${map[1]}`;
  return typeMap[type]?.attributeTypeMap ? type : '';
}

/** Builds the table from client-node's model classes (run by a test, which also keeps fields.json current). */
export function buildFieldTable(typeMap: TypeMap, roots: readonly string[]): FieldTable {
  const table: FieldTable = {};
  const pending = [...roots];
  for (let type = pending.pop(); type !== undefined; type = pending.pop()) {
    const attributes = typeMap[type]?.attributeTypeMap;
    if (table[type] || !attributes) continue;
    const fields: Record<string, string> = {};
    for (const attribute of attributes) {
      const child = childType(attribute.type, typeMap);
      fields[attribute.baseName] = child;
      if (child) pending.push(child.replace(/^(\[\]|\{\})/, ''));
    }
    table[type] = fields;
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}
