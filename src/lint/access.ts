/** Defensive readers over parsed YAML: rules run on half-typed documents and must never throw. */

export type Rec = Record<string, unknown>;

export function rec(value: unknown): Rec | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Rec) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A string-to-string map such as labels; other entries are skipped. */
export function stringMap(value: unknown): Record<string, string> {
  // fromEntries defines each key as its own property: a `__proto__` label stays a label.
  return Object.fromEntries(
    Object.entries(rec(value) ?? {}).flatMap(([k, v]) =>
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [[k, String(v)]] : [],
    ),
  );
}

/** Reads a nested value by keys and indexes. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined;
    else current = rec(current)?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}
