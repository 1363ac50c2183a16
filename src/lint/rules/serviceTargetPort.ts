import { dig } from '../access';
import { appendToSequence, insertIntoMapping, replaceValue } from '../fixes';
import { closest } from '../../util/closest';
import { portsOf, type PodTemplate } from '../pods';
import type { QuickFix } from '../types';
import { resolveTargetPort, selectedTemplates, servicePorts, type ServicePort } from '../services';
import type { Rule } from '../rule';

/** Adds a numeric targetPort to the pod's only container: the one case where the fix is clear. */
function addPortFix(template: PodTemplate, target: number): QuickFix | undefined {
  const containers = template.containers.filter((c) => !c.init);
  const container = containers[0];
  if (containers.length !== 1 || !container) return undefined;
  const edit =
    portsOf(container).length > 0
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
  docs: 'A targetPort name must be a named containerPort of the selected pods, or connections to the Service are refused (an error, with a did-you-mean fix). A number the pods do not declare is information only: Kubernetes does not require containerPort, and it works when the process listens on it.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'Service') return;
    const templates = selectedTemplates(context.objects, object);
    for (const port of servicePorts(object)) {
      if (port.targetPort === undefined) continue;
      for (const match of resolveTargetPort(templates, port.targetPort)) {
        if (match.reachable) continue;
        // Without a targetPort the port number is the target: the finding then sits on `port`.
        const path = [
          ...port.path,
          dig(object.value, ...port.path, 'targetPort') === undefined ? 'port' : 'targetPort',
        ];
        const related = [
          {
            ...match.template.object.location(),
            message: `Selected by this Service: ${match.template.object.display}`,
          },
        ];
        if (typeof port.targetPort === 'number') {
          const fix = addPortFix(match.template, port.targetPort);
          context.report({
            range: object.rangeOf(path),
            message: `targetPort ${port.targetPort} of ${describe(port)} is not declared in containerPort of ${match.template.object.display}; fine if the process listens on it.`,
            severity: 'info',
            related,
            fixes: fix ? [fix] : [],
          });
          continue;
        }
        const names = match.template.containers
          .filter((c) => !c.init)
          .flatMap((c) => portsOf(c).flatMap((p) => (p.name ? [p.name] : [])));
        const suggestion = closest(port.targetPort, names);
        const edit = suggestion ? replaceValue(object, [...port.path, 'targetPort'], suggestion) : undefined;
        context.report({
          range: object.rangeOf(path),
          message: `targetPort ${JSON.stringify(port.targetPort)} of ${describe(port)} is not a container port of ${match.template.object.display} (named ports: ${names.join(', ') || 'none'}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          related,
          fixes: edit ? [{ title: `Change to "${suggestion}"`, edits: [edit] }] : [],
        });
      }
    }
  },
};
