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
  return parts.length === 4 && parts.every((p) => /^\d+$/.test(p) && Number(p) <= 255);
}

/**
 * An IP as netutils.ParseIPSloppy reads it, which every supported version accepts: IPv4 octets may carry leading
 * zeros, and an IPv6 address may end in a dotted IPv4 part (written with them too). A zone (`%eth0`) is refused.
 */
export function isIp(text: string): boolean {
  if (!text.includes(':')) return ipv4(text);
  if (text.includes('%')) return false;
  const dotted = /^(.*:)([^:]*\.[^:]*)$/.exec(text);
  if (!dotted) return isIPv6(text);
  const tail = dotted[2] ?? '';
  return ipv4(tail) && isIPv6(`${dotted[1] ?? ''}${tail.split('.').map(Number).join('.')}`);
}

/** IsValidIP (apimachinery/pkg/util/validation/ip.go). */
export function ipAddress(value: string): string[] {
  return isIp(value) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

/** A CIDR as Kubernetes parses it (leading zeros in IPv4 octets are tolerated). */
export function cidr(value: string): string[] {
  return parseCidr(value) ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}

/** A parsed CIDR: its address as one big number in its family's width, and the prefix length. */
export interface Cidr {
  readonly v6: boolean;
  /** Undefined for an IPv4-mapped IPv6 form, whose family Kubernetes reads either way: not compared. */
  readonly address: bigint | undefined;
  readonly prefix: number;
}

/** netutils.ParseCIDRSloppy; undefined when the value is no CIDR. */
export function parseCidr(value: string): Cidr | undefined {
  const [ip = '', prefix, extra] = value.split('/');
  const v6 = ip.includes(':');
  const bits = v6 ? 128 : 32;
  if (extra !== undefined || prefix === undefined || !/^\d+$/.test(prefix) || Number(prefix) > bits) return undefined;
  if (!isIp(ip)) return undefined;
  return { v6, address: v6 ? ipv6Number(ip) : ipv4Number(ip), prefix: Number(prefix) };
}

function ipv4Number(ip: string): bigint {
  return ip.split('.').reduce((n, octet) => (n << 8n) + BigInt(Number(octet)), 0n);
}

/** An IPv6 address as a number; undefined for a form with a dotted IPv4 tail. */
function ipv6Number(ip: string): bigint | undefined {
  if (ip.includes('.')) return undefined;
  const [head = '', tail] = ip.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(zeros).fill('0'), ...right];
  return all.reduce((n, g) => (n << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/**
 * ValidateIPBlock: an `except` entry must be a strict subset of the block's `cidr` (inside it, with a longer prefix).
 * Undefined when either value cannot be compared (not a CIDR, or an IPv4-mapped IPv6 form).
 */
export function strictSubset(outer: Cidr, inner: Cidr): boolean | undefined {
  if (outer.address === undefined || inner.address === undefined) return undefined;
  if (outer.v6 !== inner.v6) return false;
  const width = BigInt(outer.v6 ? 128 : 32);
  const shift = width - BigInt(outer.prefix);
  return inner.address >> shift === outer.address >> shift && inner.prefix > outer.prefix;
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

/** An IPv6 address (isIp accepts it) as a number, its dotted IPv4 tail, if any, read as the last two groups. */
function ipv6Value(ip: string): bigint | undefined {
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (!dotted) return ipv6Number(ip);
  const v4 = ipv4Number(dotted[2] ?? '');
  return ipv6Number(`${dotted[1] ?? ''}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`);
}

/** The IPv4 octets of an address, also of an IPv4-mapped IPv6 one (Go's To4 reads both as IPv4). */
function ipv4Octets(ip: string): number[] | undefined {
  if (!ip.includes(':')) return ipv4(ip) ? ip.split('.').map(Number) : undefined;
  const n = isIp(ip) ? ipv6Value(ip) : undefined;
  if (n === undefined || n >> 32n !== 0xffffn) return undefined;
  return [24n, 16n, 8n, 0n].map((shift) => Number((n >> shift) & 0xffn));
}

/** IsValidIPv4Address / IsValidIPv6Address: the family as Go's To4 decides it (an IPv4-mapped address is IPv4). */
export function ipFamilyOf(ip: string): 'IPv4' | 'IPv6' | undefined {
  if (!isIp(ip)) return undefined;
  return ipv4Octets(ip) ? 'IPv4' : 'IPv6';
}

/**
 * ValidateNonSpecialIP (pkg/apis/core/validation): Endpoints, EndpointSlice addresses and a Service's externalIPs may
 * not be unspecified, loopback, link-local or link-local multicast. Call it on an address isIp accepts.
 */
export function nonSpecialIp(value: string): string[] {
  const v4 = ipv4Octets(value);
  if (v4) {
    const [a = 0, b = 0, c = 0] = v4;
    if (v4.every((o) => o === 0)) return [`may not be unspecified (${value})`];
    if (a === 127) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
    if (a === 169 && b === 254) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
    if (a === 224 && b === 0 && c === 0)
      return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
    return [];
  }
  const n = ipv6Value(value);
  if (n === undefined) return [];
  if (n === 0n) return [`may not be unspecified (${value})`];
  if (n === 1n) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (n >> 118n === 0x3fan) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (n >> 120n === 0xffn && ((n >> 112n) & 0x0fn) === 0x02n)
    return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}
