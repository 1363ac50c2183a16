/**
 * Hand-written Endpoints and EndpointSlices (the selector-less Service pattern): their addresses, as
 * validateEndpointAddress (pkg/apis/core/validation) and validateEndpoints (pkg/apis/discovery/validation) see them.
 */
import { str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { items } from './fields';
import { ipAddress, ipFamilyOf, isPlaceholder, nonSpecialIp } from './formats';
import type { Problems } from './problems';

/** A v1 Endpoints: each ready and not-ready address is an IP, and no loopback, link-local or unspecified one. */
export function checkEndpoints(p: Problems, value: Rec): void {
  for (const [subset, subsetPath] of items(value, [], 'subsets'))
    for (const field of ['addresses', 'notReadyAddresses'])
      for (const [address, path] of items(subset, subsetPath, field)) {
        const ip = str(address.ip);
        if (ip !== undefined && ip !== '') checkAddress(p, ip, [...path, 'ip'], ipAddress);
      }
}

const FAMILY: Record<string, (ip: string) => string[]> = {
  IPv4: (ip) => (ipFamilyOf(ip) === 'IPv4' ? [] : ['must be a valid IPv4 address']),
  IPv6: (ip) => (ipFamilyOf(ip) === 'IPv6' ? [] : ['must be a valid IPv6 address']),
};

/** A discovery.k8s.io/v1 EndpointSlice: addresses of the slice's addressType (FQDN slices are not judged here). */
export function checkEndpointSlice(p: Problems, value: Rec): void {
  const type = str(value.addressType) ?? '';
  const family = Object.hasOwn(FAMILY, type) ? FAMILY[type] : undefined;
  if (!family) return;
  for (const [endpoint, path] of items(value, [], 'endpoints')) {
    const addresses = endpoint.addresses;
    if (Array.isArray(addresses))
      addresses.forEach((a, i) => {
        if (typeof a === 'string') checkAddress(p, a, [...path, 'addresses', i], family);
      });
  }
}

function checkAddress(p: Problems, ip: string, path: Path, format: (ip: string) => string[]): void {
  if (isPlaceholder(ip)) return;
  const messages = format(ip);
  for (const m of messages.length > 0 ? messages : nonSpecialIp(ip)) p.invalid(path, ip, m);
}
