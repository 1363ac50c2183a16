/** A container's resources, as ValidateResourceRequirements (pkg/apis/core/validation) checks them. */
import { rec, type Rec } from '../../access';
import type { Path } from '../../parse';
import { NON_NEGATIVE } from './fields';
import { quantity } from './formats';
import type { ProblemFix, Problems } from './problems';

/** `cpu`, `memory`, `kubernetes.io/…`: names in the kubernetes.io namespace (IsNativeResource). */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/**
 * IsOvercommitAllowed: only native resources other than hugepages may have a request below the limit. Extended
 * resources (`nvidia.com/gpu`) and hugepages cannot be overcommitted: a request needs a limit, and equals it.
 */
function overcommitAllowed(name: string): boolean {
  return isNative(name) && !name.startsWith('hugepages-');
}

/** IsExtendedResourceName: outside kubernetes.io and not a quota name; its quantities are whole numbers. */
function isExtended(name: string): boolean {
  return !isNative(name) && !name.startsWith('requests.');
}

const asYaml = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const EPSILON = 1e-9;

export function checkResources(p: Problems, resources: Rec | undefined, path: Path): void {
  const requests = rec(resources?.requests);
  const limits = rec(resources?.limits);
  for (const [group, values] of [
    ['requests', requests],
    ['limits', limits],
  ] as const) {
    for (const [name, raw] of Object.entries(values ?? {})) {
      const value = quantity(raw);
      if (value === undefined) continue;
      if (value < 0) p.invalid([...path, group, name], raw, NON_NEGATIVE);
      else if (isExtended(name) && Math.abs(value - Math.round(value)) > EPSILON)
        p.invalid([...path, group, name], raw, 'must be an integer');
    }
  }
  for (const [name, raw] of Object.entries(requests ?? {})) {
    const request = quantity(raw);
    if (request === undefined || request < 0) continue;
    if (Object.hasOwn(limits ?? {}, name)) compare(p, path, name, raw, limits?.[name]);
    else if (!overcommitAllowed(name))
      p.required(
        [...path, 'limits', name],
        'Limit must be set for non overcommitable resources',
        [...path, 'requests', name],
        [addLimit(path, name, raw, limits !== undefined)],
      );
  }
}

/** A request against its limit: equal for resources that cannot be overcommitted, else at most the limit. */
function compare(p: Problems, path: Path, name: string, raw: unknown, rawLimit: unknown): void {
  const request = quantity(raw) ?? 0;
  const limit = quantity(rawLimit);
  if (limit === undefined || limit < 0) return;
  const at: Path = [...path, 'requests', name];
  const shown = String(rawLimit);
  if (Math.abs(request - limit) > EPSILON * Math.max(1, limit) && !overcommitAllowed(name))
    p.invalid(at, raw, `must be equal to ${name} limit of ${shown}`, undefined, [
      { title: `Set the ${name} request to its limit (${shown})`, path: at, text: asYaml(rawLimit) },
      {
        title: `Set the ${name} limit to the request (${String(raw)})`,
        path: [...path, 'limits', name],
        text: asYaml(raw),
      },
    ]);
  else if (request > limit * (1 + EPSILON))
    p.invalid(at, raw, `must be less than or equal to ${name} limit of ${shown}`);
}

function addLimit(path: Path, name: string, raw: unknown, hasLimits: boolean): ProblemFix {
  const title = `Add the limit ${name}: ${String(raw)} (the request must equal it)`;
  return hasLimits
    ? { title, path: [...path, 'limits'], lines: [`${name}: ${asYaml(raw)}`] }
    : { title, path, lines: ['limits:', `  ${name}: ${asYaml(raw)}`] };
}
