import { backendPort, backendServices, type IngressBackend } from '../ingress';
import type { LintObject } from '../object';
import type { Report, Rule, RuleContext } from '../rule';
import { describeServicePort, resolveTargetPort, selectedTemplates, serviceSelector } from '../services';
import type { RelatedInfo } from '../types';

/** Follows one backend: Service port → targetPort → the selected pods' containerPort. */
function checkChain(
  ingress: LintObject,
  backend: IngressBackend,
  service: LintObject,
  context: RuleContext,
): Report | undefined {
  const port = backendPort(backend, service);
  if (!port || port.targetPort === undefined) return undefined;
  const range = ingress.rangeOf(backend.portPath);
  const portLink: RelatedInfo = {
    ...service.location(port.path),
    message: `${service.display} port ${describeServicePort(port)} → targetPort ${String(port.targetPort)}`,
  };
  // Without a selector the endpoints are written by hand (or the Service is an ExternalName): nothing to follow.
  if (Object.keys(serviceSelector(service)).length === 0) return undefined;
  const templates = selectedTemplates(context.objects, service);
  if (templates.length === 0) {
    const selector: RelatedInfo = {
      ...service.location(['spec', 'selector']),
      message: 'Selector that matches no pods in the workspace',
    };
    // As uncertain as service-selector's finding (the pods may be deployed from elsewhere), so no more severe.
    return {
      range,
      message: `${service.display} selects no pods in the workspace, so this backend may have no endpoints.`,
      related: [portLink, selector],
      severity: 'warning',
    };
  }
  const broken = resolveTargetPort(templates, port.targetPort).filter((m) => !m.reachable);
  if (broken.length === 0) return undefined;
  const pods: RelatedInfo[] = broken.map((m) => ({
    ...m.template.object.location(),
    message: `${m.template.object.display} has no container port ${String(port.targetPort)}`,
  }));
  // An undeclared number may still be listened on: the chain is then only unverified.
  if (typeof port.targetPort === 'number') {
    const message = `${service.display} sends port ${describeServicePort(port)} to targetPort ${port.targetPort}, which ${broken.map((m) => m.template.object.display).join(', ')} does not declare; fine if the process listens on it.`;
    return { range, message, related: [portLink, ...pods], severity: 'info' };
  }
  // The break is the Service's own targetPort, an error service-target-port reports there: here it is the route's
  // context, not the same error a second time.
  return {
    range,
    message: `Route broken at ${service.display}: it sends port ${describeServicePort(port)} to targetPort ${String(port.targetPort)}, which ${broken.map((m) => m.template.object.display).join(', ')} does not expose (an error on the Service's targetPort).`,
    related: [portLink, ...pods],
    severity: 'info',
  };
}

export const ingressChain: Rule = {
  id: 'ingress-chain',
  defaultSeverity: 'info',
  title: 'An Ingress route that breaks further down: Service port → targetPort → containerPort',
  docs: 'Follows each Ingress backend through its Service to the pods the Service selects, and reports on the Ingress where the request would get lost, with every link of the chain as related information. A named targetPort no selected pod exposes is an error on the Service (service-target-port); on the Ingress it is information about the route, not the same error twice.',
  crossObject: true,
  check(object, context) {
    for (const { backend, service } of backendServices(object, context.objects)) {
      const report = service && backend.port !== undefined ? checkChain(object, backend, service, context) : undefined;
      if (report) context.report(report);
    }
  },
};
