import { own } from '../../util/own';
import { dig } from '../access';
import type { Path } from '../parse';
import { modelFor } from './models';

/** One schema violation at a path of the object. */
export interface SchemaProblem {
  readonly path: Path;
  readonly message: string;
  /** Set for a missing required field: the finding sits on its parent. */
  readonly missing?: string;
}

export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/** Runs the kind's kubernetes-models validator; undefined when the kind is not in the table. */
export function validateSchema(
  value: Record<string, unknown>,
  apiVersion: string,
  kind: string,
): SchemaProblem[] | undefined {
  const Model = modelFor(apiVersion, kind);
  if (!Model) return undefined;
  try {
    // Validates the object as parsed. `new Model(value)` would first copy it with a check that reads
    // `value.constructor.prototype`, and throws on a manifest with a field named `constructor`.
    Model.prototype.validate.call(value);
    return [];
  } catch (e) {
    const errors = (e as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw e;
    return summarize(value, errors as AjvError[]);
  }
}

/** A JSON pointer as a path, with indexes where the object has lists. */
export function toPath(value: unknown, pointer: string): Path {
  const path: (string | number)[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path.push(Array.isArray(dig(value, ...path)) && /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return path;
}

// Ajv reports an int-or-string mismatch as two type errors plus a oneOf: say it once as "string or integer".
export function summarize(value: unknown, errors: readonly AjvError[]): SchemaProblem[] {
  const byPath = new Map<string, AjvError[]>();
  for (const error of errors) byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  const problems: SchemaProblem[] = [];
  for (const [pointer, group] of byPath) {
    const path = toPath(value, pointer);
    for (const error of group.filter((g) => g.keyword === 'required')) {
      const missing = String(error.params.missingProperty);
      if (defaultedByServer(path, missing)) continue;
      problems.push({ path, missing, message: `Missing required field "${missing}".` });
    }
    const others = group.filter((g) => g.keyword !== 'required');
    if (others.length > 0) problems.push({ path, message: describe(others) });
  }
  return problems;
}

/**
 * Fields the bundled schema (Kubernetes 1.30) lists as required although the API server fills them in before it
 * validates (their API documentation says "Defaults to", or the group's defaulting sets them): by the object holding
 * them, the field.
 */
const DEFAULTED_REQUIRED: readonly (readonly [holder: string, field: string])[] = [
  ['onPodConditions', 'status'], // Job podFailurePolicy: defaults to True, optional since 1.31
  ['roleRef', 'apiGroup'], // (Cluster)RoleBinding: rbac/v1 defaulting sets rbac.authorization.k8s.io when empty
];

function defaultedByServer(path: Path, missing: string): boolean {
  const holder = [...path].reverse().find((segment) => typeof segment === 'string');
  return DEFAULTED_REQUIRED.some(([h, f]) => h === holder && f === missing);
}

const FORMATS: Record<string, string> = {
  quantity: 'Not a valid quantity: a number with an optional suffix such as m, Ki, Mi, Gi, k, M or G.',
};

function describe(group: readonly AjvError[]): string {
  const format = group.find((g) => g.keyword === 'format');
  if (format) {
    const name = String(format.params.format);
    return own(FORMATS, name) ?? `Not a valid ${name}.`;
  }
  const types = group.filter((g) => g.keyword === 'type').map((g) => String(g.params.type));
  if (group.some((g) => g.keyword === 'oneOf' || g.keyword === 'anyOf') && types.length > 0) {
    return `Wrong type: must be ${types.join(' or ')}.`;
  }
  const enumError = group.find((g) => g.keyword === 'enum');
  if (enumError && Array.isArray(enumError.params.allowedValues)) {
    return `Must be one of: ${enumError.params.allowedValues.map(String).join(', ')}.`;
  }
  if (types.length > 0) return `Wrong type: must be ${types.join(' or ')}.`;
  return [...new Set(group.map((g) => g.message ?? g.keyword))]
    .map((m) => `${m[0]?.toUpperCase() ?? ''}${m.slice(1)}.`)
    .join(' ');
}
