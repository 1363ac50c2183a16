import { dig, list, num, rec, str } from './access';
import type { LintObject } from './object';
import type { Path } from './parse';
import type { ObjectLookup } from './rule';
import { servicePorts, type ServicePort } from './services';

export interface IngressBackend {
  /** Path of `backend.service` (or `defaultBackend.service`). */
  readonly path: Path;
  readonly service: string;
  readonly port: string | number | undefined;
  /** Path of `port.number` or `port.name`, where port findings sit. */
  readonly portPath: Path;
}

function backendAt(object: LintObject, path: Path): IngressBackend | undefined {
  const service = rec(dig(object.value, ...path));
  const name = str(service?.name);
  if (!service || name === undefined) return undefined;
  const port = rec(service.port);
  const number = num(port?.number);
  const field = number !== undefined ? 'number' : 'name';
  return { path, service: name, port: number ?? str(port?.name), portPath: [...path, 'port', field] };
}

/** Every Service backend of a networking.k8s.io/v1 Ingress, with where it is written. */
export function ingressBackends(object: LintObject): IngressBackend[] {
  if (object.kind !== 'Ingress') return [];
  const paths: Path[] = [['spec', 'defaultBackend', 'service']];
  list(dig(object.value, 'spec', 'rules')).forEach((rule, i) => {
    list(dig(rule, 'http', 'paths')).forEach((_, j) =>
      paths.push(['spec', 'rules', i, 'http', 'paths', j, 'backend', 'service']),
    );
  });
  return paths.flatMap((p) => backendAt(object, p) ?? []);
}

/** Each Service backend of an Ingress with the Service it names in the Ingress's namespace (undefined: none there). */
export function backendServices(
  object: LintObject,
  objects: ObjectLookup,
): { readonly backend: IngressBackend; readonly service: LintObject | undefined }[] {
  return ingressBackends(object).map((backend) => ({
    backend,
    service: objects.find('Service', object.namespace, backend.service),
  }));
}

/** The port of `service` that a backend names, by number or by name. */
export function backendPort(backend: IngressBackend, service: LintObject): ServicePort | undefined {
  return servicePorts(service).find((p) =>
    typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port,
  );
}
