// A tiny runtime schema for the webview protocol: both sides check what arrives before trusting it.
// Hand-written (not zod) so the webview bundle stays small and the host does not load a validator library.

/** A check returns undefined when the value fits, else a path-qualified reason. */
export type Check = (value: unknown, path: string) => string | undefined;

export const str: Check = (v, p) => (typeof v === 'string' ? undefined : `${p}: expected a string`);
export const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p}: expected a boolean`);
export const num: Check = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${p}: expected a finite number`;
export const numOrNull: Check = (v, p) => (v === null ? undefined : num(v, p));

export function oneOf(values: readonly string[]): Check {
  return (v, p) =>
    typeof v === 'string' && values.includes(v) ? undefined : `${p}: expected one of ${values.join(', ')}`;
}

export function optional(check: Check): Check {
  return (v, p) => (v === undefined ? undefined : check(v, p));
}

/** An array of at most `max` items (bounded so a hostile message cannot make us loop forever). */
export function arrayOf(check: Check, max = 1_000_000): Check {
  return (v, p) => {
    if (!Array.isArray(v)) return `${p}: expected an array`;
    if (v.length > max) return `${p}: more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i] as unknown, `${p}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

export function object(fields: Readonly<Record<string, Check>>): Check {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object`;
    const record = v as Record<string, unknown>;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(record[key], `${p}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** Every check in turn; the first problem wins. */
export function all(...checks: readonly Check[]): Check {
  return (v, p) => {
    for (const check of checks) {
      const problem = check(v, p);
      if (problem) return problem;
    }
    return undefined;
  };
}

/**
 * Per variant of a discriminated union: a check for each of its fields (all of them, no others) or one check of the
 * whole object. A variant added to the type without a check here, or a field without one, fails `tsc`.
 */
export type VariantChecks<U extends { type: string }> = {
  readonly [K in U['type']]: { readonly [F in Exclude<keyof Extract<U, { type: K }>, 'type'>]-?: Check } | Check;
};

/** A discriminated union keyed by `type`: per variant, its fields or a whole-object check. */
export function union<U extends { type: string }>(variants: VariantChecks<U>): Check {
  const entries = Object.entries(variants as Readonly<Record<string, Readonly<Record<string, Check>> | Check>>);
  const checks = new Map(
    entries.map(([type, fields]) => [type, typeof fields === 'function' ? fields : object(fields)]),
  );
  return (v, p) => {
    const type = typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined;
    if (typeof type !== 'string') return `${p}.type: expected a string`;
    const check = checks.get(type);
    return check ? check(v, p) : `${p}.type: unknown message type "${type}"`;
  };
}
