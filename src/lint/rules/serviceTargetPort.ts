import { dig } from '../access';
import { appendToSequence, insertIntoMapping } from '../fixes';
import { portsOf, type PodTemplate } from '../pods';
import type { QuickFix } from '../types';
import { resolveTargetPort, selectedTemplates, servicePorts, type ServicePort } from '../services';
import type { Rule } from '../rule';

/** Adds a numeric targetPort to the pod's only container: the one case where the fix is clear. */
function addPortFix(template: PodTemplate, target: number): QuickFix | undefined {
  const containers = template.containers.filter((c) => !c.init);
  const container = containers[0];
  if (containers.length !== 1 || !container) return undefined;
  const edit = portsOf(container).length > 0
    ? appendToSequence(template.object, [...container.path, 'ports'], [`containerPort: ${target}`])
    : insertIntoMapping(template.object, container.path, ['ports:', `  - containerPort: ${target}`]);
  return edit && { title: `Add containerPort ${target} to container "${container.name}"`, edits: [edit] };
}

function describe(port: ServicePort): string {
  return port.name ? `port "${port.name}"` : `port ${port.port ?? '?'}`;
}

export const serviceTargetPort: Rule = {
  id: 'service-target-port',
  defaultSeverity: 'error',
  title: "A Service's targetPort is not exposed by the pods it selects",
  docs: 'A targetPort name must be a named containerPort of the selected pods; a number must be one of their ports when they declare any. Otherwise connections to the Service are refused.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'Service') return;
    const templates = selectedTemplates(context.objects, object);
    for (const port of servicePorts(object)) {
      if (port.targetPort === undefined) continue;
      for (const match of resolveTargetPort(templates, port.targetPort)) {
        if (match.reachable) continue;
        const fix = typeof port.targetPort === 'number' ? addPortFix(match.template, port.targetPort) : undefined;
        // Without a targetPort the port number is the target: the finding then sits on `port`.
        const path = [...port.path, dig(object.value, ...port.path, 'targetPort') === undefined ? 'port' : 'targetPort'];
        context.report({
          range: object.rangeOf(path),
          message: `targetPort ${JSON.stringify(port.targetPort)} of ${describe(port)} is not a container port of ${match.template.object.display}.`,
          related: [{ ...match.template.object.location(), message: `Selected by this Service: ${match.template.object.display}` }],
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
