import { podTemplate, portsOf, type ContainerPort } from '../pods';
import type { Rule } from '../rule';

export const portDuplicate: Rule = {
  id: 'port-duplicate',
  defaultSeverity: 'error',
  title: 'A container port number or port name is declared twice in a pod',
  docs: 'Port names must be unique within a pod (Services and probes refer to them), and one number/protocol can be bound once.',
  crossObject: false,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    const names = new Map<string, ContainerPort>();
    const numbers = new Map<string, ContainerPort>();
    for (const port of template.containers.filter((c) => !c.init).flatMap(portsOf)) {
      const numberKey = port.number === undefined ? undefined : `${port.number}/${port.protocol}`;
      const clashes: [string, ContainerPort | undefined, string][] = [];
      if (port.name !== undefined) clashes.push(['name', names.get(port.name), `Port name "${port.name}"`]);
      if (numberKey !== undefined) clashes.push(['containerPort', numbers.get(numberKey), `Port ${numberKey}`]);
      for (const [field, first, what] of clashes) {
        if (!first) continue;
        context.report({
          range: object.rangeOf([...port.path, field]),
          message: `${what} is already declared in this pod (container "${first.container.name}").`,
          related: [{ ...object.location([...first.path, field]), message: 'First declaration' }],
        });
      }
      if (port.name !== undefined && !names.has(port.name)) names.set(port.name, port);
      if (numberKey !== undefined && !numbers.has(numberKey)) numbers.set(numberKey, port);
    }
  },
};
