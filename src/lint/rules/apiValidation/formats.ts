/**
 * The value formats of k8s.io/apimachinery/pkg/util/validation: each returns the API server's error messages
 * (none when valid). Values that look like template placeholders (`${X}`, `$(X)`, `{{ x }}`) are not judged.
 */
import { isIPv6 } from 'node:net';

export function isPlaceholder(value: string): boolean {
  return value.includes('$') || value.includes('{{');
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${LABEL}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const tooLong = (value: string, max: number): string[] =>
  value.length > max ? [`must be no more than ${max} characters`] : [];

export function dns1123Label(value: string): string[] {
  const format = DNS1123_LABEL.test(value)
    ? []
    : [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      ];
  return [...tooLong(value, 63), ...format];
}

export function dns1123Subdomain(value: string): string[] {
  const format = DNS1123_SUBDOMAIN.test(value)
    ? []
    : [
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ];
  return [...tooLong(value, 253), ...format];
}

export function dns1035Label(value: string): string[] {
  const format = DNS1035_LABEL.test(value)
    ? []
    : [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      ];
  return [...tooLong(value, 63), ...format];
}

/** IANA_SVC_NAME: a container port's, probe's or Ingress backend's port name. */
export function portName(value: string): string[] {
  const errors = tooLong(value, 15);
  if (!/^[-a-z0-9]+$/.test(value))
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) errors.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errors.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}

export function portNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** A ConfigMap or Secret key. */
export function configKey(value: string): string[] {
  const errors = tooLong(value, 253);
  if (!/^[-._a-zA-Z0-9]+$/.test(value))
    errors.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
  if (value === '.') errors.push("must not be '.'");
  else if (value === '..') errors.push("must not be '..'");
  else if (value.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/**
 * An environment variable name as every supported version accepts it: since RelaxedEnvironmentVariableValidation any
 * printable ASCII except '=' is allowed, so only what is rejected under both the old and the relaxed rules is flagged.
 */
export function envVarName(value: string): string[] {
  if (value.length === 0) return [];
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(value)
    ? []
    : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
}

function ipv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** A CIDR as Kubernetes parses it (leading zeros in IPv4 octets are tolerated). */
export function cidr(value: string): string[] {
  const [ip = '', prefix, extra] = value.split('/');
  const bits = ip.includes(':') ? 128 : 32;
  const ipOk = bits === 32 ? ipv4(ip) : isIPv6(ip);
  const prefixOk = prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
  return ipOk && prefixOk && extra === undefined
    ? []
    : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A resource quantity's value, for comparisons; undefined when it does not parse (the schema reports that). */
export function quantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(value);
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  const factor = SUFFIX[match[3] ?? ''];
  return factor === undefined || !Object.hasOwn(SUFFIX, match[3] ?? '') ? undefined : base * factor;
}
