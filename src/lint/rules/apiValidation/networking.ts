/** Service, Ingress and NetworkPolicy checks (core and networking validation). */
import { num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { format, items } from './fields';
import {
  cidr,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  isPlaceholder,
  parseCidr,
  portName,
  portNumber,
  strictSubset,
} from './formats';
import type { Problems } from './problems';
import { checkServiceSpec } from './service';

export function checkService(p: Problems, value: Rec): void {
  const spec = rec(value.spec);
  if (spec) checkServiceSpec(p, spec);
  const ports = items(rec(value.spec), ['spec'], 'ports');
  const names = new Set<string>();
  const numbers = new Set<string>();
  const opensNodePorts = ['NodePort', 'LoadBalancer'].includes(str(rec(value.spec)?.type) ?? '');
  for (const [port, path] of ports) {
    const name = str(port.name) ?? '';
    if (ports.length > 1 && name === '') p.required([...path, 'name'], '');
    format(p, port, path, 'name', dns1123Label);
    if (name !== '' && names.has(name)) p.duplicate([...path, 'name'], name);
    names.add(name);
    const number = num(port.port);
    if (number !== undefined) for (const m of portNumber(number)) p.invalid([...path, 'port'], number, m);
    checkPortRef(p, port, path, 'targetPort', true);
    if (opensNodePorts) checkNodePort(p, num(port.nodePort), [...path, 'nodePort']);
    const key = `${number}/${str(port.protocol) ?? 'TCP'}`;
    if (number !== undefined && numbers.has(key)) p.duplicate(path, key, [...path, 'port']);
    numbers.add(key);
  }
}

/**
 * The API server allocates node ports from its --service-node-port-range, 30000-32767 unless the cluster was set up
 * otherwise (kind, minikube, k3d and the managed clouds keep it); a port outside it is refused.
 */
function checkNodePort(p: Problems, nodePort: number | undefined, path: Path): void {
  if (nodePort === undefined || nodePort === 0 || (nodePort >= 30000 && nodePort <= 32767)) return;
  p.invalid(path, nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767');
}

/** A port given by number (1–65535) or IANA name; 0 only where the API server defaults it. */
function checkPortRef(p: Problems, holder: Rec, path: Path, field: string, zeroDefaults: boolean): void {
  const value = holder[field];
  if (typeof value === 'number' && !(zeroDefaults && value === 0))
    for (const m of portNumber(value)) p.invalid([...path, field], value, m);
  if (typeof value === 'string' && !/^\d+$/.test(value)) format(p, holder, path, field, portName);
}

export function checkIngress(p: Problems, apiVersion: string, value: Rec): void {
  if (apiVersion !== 'networking.k8s.io/v1') return;
  const spec = rec(value.spec);
  if (!spec) return;
  format(p, spec, ['spec'], 'ingressClassName', dns1123Subdomain);
  const rules = items(spec, ['spec'], 'rules');
  if (rec(spec.defaultBackend) === undefined && rules.length === 0)
    p.invalid(['spec'], [], 'either `defaultBackend` or `rules` must be specified');
  if (rec(spec.defaultBackend)) checkBackend(p, rec(spec.defaultBackend) ?? {}, ['spec', 'defaultBackend']);
  for (const [rule, rulePath] of rules) {
    const httpPath = [...rulePath, 'http'];
    for (const [entry, entryPath] of items(rec(rule.http), httpPath, 'paths')) {
      checkIngressPath(p, entry, entryPath);
      const backend = rec(entry.backend);
      if (backend) checkBackend(p, backend, [...entryPath, 'backend']);
    }
  }
}

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

function checkIngressPath(p: Problems, entry: Rec, path: Path): void {
  const value = str(entry.path) ?? '';
  const type = str(entry.pathType);
  const at = [...path, 'path'];
  if (type === 'Exact' || type === 'Prefix') {
    if (!value.startsWith('/')) p.invalid(at, value, 'must be an absolute path');
    for (const s of INVALID_SEQUENCES) if (value.includes(s)) p.invalid(at, value, `must not contain '${s}'`);
    for (const s of INVALID_SUFFIXES) if (value.endsWith(s)) p.invalid(at, value, `cannot end with '${s}'`);
  } else if (type === 'ImplementationSpecific' && value !== '' && !value.startsWith('/')) {
    p.invalid(at, value, 'must be an absolute path');
  }
}

function checkBackend(p: Problems, backend: Rec, path: Path): void {
  const service = rec(backend.service);
  const resource = rec(backend.resource);
  if (service && resource) p.invalid(path, '', 'cannot set both resource and service backends');
  else if (!service && !resource) p.invalid(path, '', 'resource or service backend is required');
  if (!service || resource) return;
  format(p, service, [...path, 'service'], 'name', dns1035Label);
  const port = rec(service.port);
  const portPath = [...path, 'service', 'port'];
  const name = str(port?.name) ?? '';
  const number = num(port?.number) ?? 0;
  if (name !== '' && number !== 0) p.invalid(portPath, '', 'cannot set both port name & port number');
  else if (name !== '') format(p, port, portPath, 'name', portName);
  else if (number !== 0) for (const m of portNumber(number)) p.invalid([...portPath, 'number'], number, m);
  else p.required(portPath, 'port name or number is required');
}

export function checkNetworkPolicy(p: Problems, value: Rec): void {
  const spec = rec(value.spec);
  for (const direction of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    for (const [rule, rulePath] of items(spec, ['spec'], direction[0])) {
      for (const [peer, peerPath] of items(rule, rulePath, direction[1])) checkPeer(p, peer, peerPath);
      for (const [port, portPath] of items(rule, rulePath, 'ports')) checkPolicyPort(p, port, portPath);
    }
  }
}

function checkPeer(p: Problems, peer: Rec, path: Path): void {
  const block = rec(peer.ipBlock);
  const selectors = ['podSelector', 'namespaceSelector'].filter((s) => rec(peer[s]) !== undefined);
  if (!block && selectors.length === 0) p.required(path, 'must specify a peer');
  if (!block) return;
  if (selectors.length > 0) p.forbidden(path, 'may not specify both ipBlock and another peer');
  format(p, block, [...path, 'ipBlock'], 'cidr', cidr);
  const outer = typeof block.cidr === 'string' ? parseCidr(block.cidr) : undefined;
  const except = block.except;
  if (Array.isArray(except))
    except.forEach((e, i) => {
      if (typeof e !== 'string' || e === '' || isPlaceholder(e)) return;
      const at = [...path, 'ipBlock', 'except', i];
      for (const m of cidr(e)) p.invalid(at, e, m);
      const inner = parseCidr(e);
      // ValidateIPBlock: inside the block's cidr, with a longer prefix.
      if (outer && inner && strictSubset(outer, inner) === false) p.invalid(at, e, 'must be a strict subset of `cidr`');
    });
}

function checkPolicyPort(p: Problems, port: Rec, path: Path): void {
  checkPortRef(p, port, path, 'port', false);
  const end = num(port.endPort);
  if (end === undefined) return;
  const start = port.port;
  if (start === undefined || start === null)
    p.invalid([...path, 'endPort'], end, 'may not be specified when `port` is not specified');
  else if (typeof start === 'string' && !/^\d+$/.test(start))
    p.invalid([...path, 'endPort'], end, 'may not be specified when `port` is non-numeric');
  else if (typeof start === 'number' && end < start)
    p.invalid([...path, 'endPort'], end, 'must be greater than or equal to `port`');
}
