/** Kubernetes' label and annotation syntax (apimachinery's IsQualifiedName and IsValidLabelValue). */

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_NAME = 63;
const MAX_PREFIX = 253;

/** The characters a name or value may not contain, quoted, for the message. */
function offending(text: string): string {
  const bad = [...new Set(text.replace(/[-A-Za-z0-9_.]/g, ''))];
  return bad.length > 0 ? ` (${bad.map((c) => JSON.stringify(c)).join(', ')} not allowed)` : '';
}

function nameProblem(name: string, what: string): string | undefined {
  if (name.length === 0) return `its ${what} is empty`;
  if (name.length > MAX_NAME) return `its ${what} is ${name.length} characters; at most ${MAX_NAME}`;
  if (!NAME.test(name))
    return `its ${what} must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."${offending(name)}`;
  return undefined;
}

/**
 * Why a label key (or, with `lowercase`, an annotation key: the API server lowercases those first) is not a
 * qualified name: an optional DNS subdomain prefix and "/", then a name of at most 63 characters.
 */
export function keyProblem(key: string, lowercase = false): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'it has more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    const checked = lowercase ? prefix.toLowerCase() : prefix;
    if (checked.length === 0) return 'its prefix before "/" is empty';
    if (checked.length > MAX_PREFIX) return `its prefix is ${checked.length} characters; at most ${MAX_PREFIX}`;
    if (!DNS_SUBDOMAIN.test(checked))
      return 'its prefix must be a lowercase DNS subdomain (letters, digits, "-" and ".", e.g. example.com)';
  }
  return nameProblem(name ?? '', prefix === undefined ? 'name' : 'name after "/"');
}

/** Why a label value is invalid: at most 63 characters, empty or alphanumeric at both ends, `-_.` inside. */
export function valueProblem(value: string): string | undefined {
  if (value.length > MAX_NAME) return `it is ${value.length} characters; at most ${MAX_NAME}`;
  if (!VALUE.test(value))
    return `it must be empty or start and end with a letter or digit, and contain only letters, digits, "-", "_" and "."${offending(value)}`;
  return undefined;
}

/** The nearest valid label value: other characters become "-", the ends are trimmed, at most 63 characters. */
export function validValue(value: string): string | undefined {
  const trim = (s: string): string => s.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '');
  const fixed = trim(trim(value.replace(/[^-A-Za-z0-9_.]+/g, '-')).slice(0, MAX_NAME));
  return fixed !== '' && fixed !== value && valueProblem(fixed) === undefined ? fixed : undefined;
}
