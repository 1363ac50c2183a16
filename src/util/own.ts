/**
 * The record's own value for a key that came from outside (a manifest, an argument, a setting).
 * `record[key]` would also find Object.prototype's members: `toString`, `constructor`, `__proto__`.
 */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
