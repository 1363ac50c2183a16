import { backendPort, backendServices } from '../ingress';
import { describeServicePort, servicePorts } from '../services';
import type { Rule } from '../rule';

export const ingressBackend: Rule = {
  id: 'ingress-backend',
  defaultSeverity: 'error',
  title: "An Ingress backend's Service or Service port does not exist",
  docs: 'The Ingress controller answers 503 for a backend whose Service is missing, and cannot route to a port (number or name) the Service does not have.',
  crossObject: true,
  check(object, context) {
    for (const { backend, service } of backendServices(object, context.objects)) {
      if (!service) {
        const message = `Service "${backend.service}" does not exist.`;
        context.reportMissing(
          { kind: 'Service', namespace: object.namespace, name: backend.service },
          { range: object.rangeOf([...backend.path, 'name']), message },
        );
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
