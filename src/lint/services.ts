import { dig, list, num, rec, str, stringMap } from './access';
import type { LintObject } from './object';
import type { Path } from './parse';
import { findPort, portsOf, selects, type ContainerPort, type PodTemplate } from './pods';
import type { ObjectLookup } from './rule';

export interface ServicePort {
  readonly path: Path;
  readonly name: string | undefined;
  readonly port: number | undefined;
  /** Defaults to the port number, as the API does. */
  readonly targetPort: string | number | undefined;
}

export function servicePorts(service: LintObject): ServicePort[] {
  return list(dig(service.value, 'spec', 'ports')).flatMap((p, i) => {
    const port = rec(p);
    if (!port) return [];
    const number = num(port.port);
    const target =
      typeof port.targetPort === 'number' || typeof port.targetPort === 'string' ? port.targetPort : number;
    return [{ path: ['spec', 'ports', i], name: str(port.name), port: number, targetPort: target }];
  });
}

/** A Service port as messages name it: `http (80)`, or its number alone. */
export function describeServicePort(port: ServicePort): string {
  return port.name ? `${port.name} (${port.port ?? '?'})` : String(port.port ?? '?');
}

export function serviceSelector(service: LintObject): Record<string, string> {
  return stringMap(dig(service.value, 'spec', 'selector'));
}

/** The pod templates a Service's selector picks, in its namespace. */
export function selectedTemplates(objects: ObjectLookup, service: LintObject): PodTemplate[] {
  const selector = serviceSelector(service);
  return objects.podTemplates(service.namespace).filter((t) => selects(selector, t.labels));
}

export interface TargetPortMatch {
  readonly template: PodTemplate;
  /** The container port the targetPort lands on, when declared. */
  readonly port: ContainerPort | undefined;
  /** False when the pod has no such port; a number the pod does not declare still works when it declares none. */
  readonly reachable: boolean;
}

export function resolveTargetPort(templates: readonly PodTemplate[], target: string | number): TargetPortMatch[] {
  const matches = templates.map((template) => ({ template, port: findPort(template.containers, target) }));
  // Kubernetes resolves the targetPort pod by pod and leaves out the pods without it: when some selected pods serve
  // it, others the selector also picks (a `helm test` pod with the chart's labels) do not break the Service.
  const served = matches.some((m) => m.port !== undefined);
  return matches.map(({ template, port }) => {
    const declares = template.containers.some((c) => !c.init && portsOf(c).length > 0);
    // An inferred template (an unknown kind's) may not be the pods as they run: not a place to call a port missing.
    const reachable =
      served || port !== undefined || template.inferred === true || (typeof target === 'number' && !declares);
    return { template, port, reachable };
  });
}
