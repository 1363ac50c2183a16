import { backendPort, backendServices, type IngressBackend } from '../ingress';
import { describeServicePort, servicePorts } from '../services';
import type { LintObject } from '../object';
import type { Rule, RuleContext } from '../rule';
import { closest } from '../../util/closest';

export const ingressBackend: Rule = {
  id: 'ingress-backend',
  defaultSeverity: 'error',
  title: "An Ingress backend's Service or Service port does not exist",
  docs: 'The Ingress controller answers 503 for a backend whose Service is missing, and cannot route to a port (number or name) the Service does not have. A Service name one typo away from a Service of the application is an error; a Service absent from the workspace (made by another chart or repository) is information until the connected cluster lacks it too.',
  crossObject: true,
  check(object, context) {
    for (const { backend, service } of backendServices(object, context.objects)) {
      if (!service) {
        reportMissingService(object, backend, context);
        continue;
      }
      if (backend.port === undefined || backendPort(backend, service)) continue;
      const declared = servicePorts(service).map(describeServicePort).join(', ') || 'none';
      context.report({
        range: object.rangeOf(backend.portPath),
        message: `Service "${backend.service}" has no port ${JSON.stringify(backend.port)} (ports: ${declared}).`,
        related: [{ ...service.location(['spec', 'ports']), message: `Ports of ${service.display}` }],
      });
    }
  },
};

/** A typo of one of the application's Services is an error; any other absent Service may live elsewhere. */
function reportMissingService(object: LintObject, backend: IngressBackend, context: RuleContext): void {
  const range = object.rangeOf([...backend.path, 'name']);
  const services = context.objects
    .ofKind('Service')
    .filter((s) => s.namespace === undefined || object.namespace === undefined || s.namespace === object.namespace);
  const meant = closest(
    backend.service,
    services.map((s) => s.name),
  );
  const typo = meant === undefined ? undefined : services.find((s) => s.name === meant);
  if (typo) {
    context.report({
      range,
      message: `Service "${backend.service}" does not exist; did you mean "${typo.name}"?`,
      related: [{ ...typo.location(), message: typo.display }],
    });
    return;
  }
  const message = `Service "${backend.service}" is not in the workspace.`;
  context.reportMissing({ kind: 'Service', namespace: object.namespace, name: backend.service }, { range, message });
}
