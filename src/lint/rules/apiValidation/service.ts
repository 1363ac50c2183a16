/**
 * A Service's fields beyond its ports, as ValidateService (pkg/apis/core/validation) sees them after
 * SetDefaults_Service: an unset type is ClusterIP, an unset sessionAffinity None (which drops sessionAffinityConfig),
 * and ClientIP without a timeout gets 10800 seconds. loadBalancerIP is not validated by the API server: left alone.
 */
import { dig, num, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { cidr, dns1123Subdomain, ipAddress, isPlaceholder, nonSpecialIp } from './formats';
import type { Problems } from './problems';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const MAX_AFFINITY_SECONDS = 86400;

export function checkServiceSpec(p: Problems, spec: Rec): void {
  const type = str(spec.type) || 'ClusterIP';
  // An unknown type is refused by itself; what depends on the type cannot be judged.
  if (!TYPES.includes(type)) return;
  checkTrafficPolicies(p, spec, type);
  checkLoadBalancerOnly(p, spec, type);
  checkClientIpTimeout(p, spec);
  if (type === 'ExternalName') checkExternalName(p, spec);
  else checkClusterIps(p, spec, type);
  eachString(spec.externalIPs, (ip, i) => {
    if (isPlaceholder(ip)) return;
    const messages = ipAddress(ip);
    for (const m of messages.length > 0 ? messages : nonSpecialIp(ip)) p.invalid(['spec', 'externalIPs', i], ip, m);
  });
}

/** Calls `f` on each string item of a list, with its index (other items are the schema's to report). */
function eachString(value: unknown, f: (s: string, i: number) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && f(v, i));
}

/**
 * validateServiceExternalTrafficPolicy: only a Service reachable from outside (LoadBalancer, NodePort, or ClusterIP
 * with externalIPs) has an external traffic policy, and only a LoadBalancer with policy Local a health check port.
 * The policies' values are enums of the schema, reported there.
 */
function checkTrafficPolicies(p: Problems, spec: Rec, type: string): void {
  const external = str(spec.externalTrafficPolicy) ?? '';
  const externalIps = Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
  const accessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIps);
  if (external !== '' && !accessible)
    p.invalid(['spec', 'externalTrafficPolicy'], external, 'may only be set for externally-accessible services');
  const healthCheck = num(spec.healthCheckNodePort) ?? 0;
  if (healthCheck !== 0 && !(type === 'LoadBalancer' && external === 'Local'))
    p.invalid(
      ['spec', 'healthCheckNodePort'],
      healthCheck,
      "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    );
}

/** Fields only a LoadBalancer may carry; the source ranges are also CIDRs (reported as `LoadBalancerSourceRanges`). */
function checkLoadBalancerOnly(p: Problems, spec: Rec, type: string): void {
  const onlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";
  const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
  const reported: Path = ['spec', 'LoadBalancerSourceRanges'];
  if (ranges.length > 0 && type !== 'LoadBalancer')
    p.forbidden(reported, onlyLoadBalancer, ['spec', 'loadBalancerSourceRanges']);
  eachString(ranges, (range, i) => {
    const value = range.trim();
    if (isPlaceholder(value)) return;
    for (const m of cidr(value)) p.invalid([...reported, i], value, m, ['spec', 'loadBalancerSourceRanges', i]);
  });
  if (type === 'LoadBalancer') return;
  for (const field of ['allocateLoadBalancerNodePorts', 'loadBalancerClass'])
    if (spec[field] !== undefined && spec[field] !== null) p.forbidden(['spec', field], onlyLoadBalancer);
}

/** validateClientIPAffinityConfig: with ClientIP affinity, a timeout in (0, 86400]. */
function checkClientIpTimeout(p: Problems, spec: Rec): void {
  if (str(spec.sessionAffinity) !== 'ClientIP') return;
  const path = ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'];
  const timeout = num(dig(spec, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'));
  if (timeout !== undefined && (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS))
    p.invalid(path, timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`);
}

/** An ExternalName Service: a DNS name (a trailing dot allowed), not a URL or an IP with a port. */
function checkExternalName(p: Problems, spec: Rec): void {
  const name = str(spec.externalName);
  if (name === undefined || isPlaceholder(name)) return;
  const cname = name.endsWith('.') ? name.slice(0, -1) : name;
  if (cname === '') p.required(['spec', 'externalName'], '');
  else for (const m of dns1123Subdomain(cname)) p.invalid(['spec', 'externalName'], cname, m);
}

/**
 * ValidateServiceClusterIPsRelatedFields: the API server copies `clusterIP` into `clusterIPs` before validating, so
 * an invalid clusterIP is reported as `spec.clusterIPs[0]`. "None" (headless) only fits ClusterIP Services.
 */
function checkClusterIps(p: Problems, spec: Rec, type: string): void {
  const given = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0;
  const at = (i: number): Path => (given ? ['spec', 'clusterIPs', i] : ['spec', 'clusterIP']);
  eachString(given ? spec.clusterIPs : [spec.clusterIP], (ip, i) => {
    if (ip === '' || isPlaceholder(ip)) return;
    if (ip === 'None' && i === 0) {
      if (type !== 'ClusterIP')
        p.invalid(['spec', 'clusterIPs', 0], ip, `may not be set to 'None' for ${type} services`, at(0));
      return;
    }
    for (const m of ipAddress(ip)) p.invalid(['spec', 'clusterIPs', i], ip, m, at(i));
  });
}
