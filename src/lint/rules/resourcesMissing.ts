import { rec } from '../access';
import { insertIntoMapping } from '../fixes';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

const RESOURCE_LINES = [
  'resources:',
  '  requests:',
  '    cpu: 100m',
  '    memory: 128Mi',
  '  limits:',
  '    cpu: 500m',
  '    memory: 256Mi',
];

export const resourcesMissing: Rule = {
  id: 'resources-missing',
  defaultSeverity: 'warning',
  title: 'A container without CPU/memory requests and limits',
  docs: 'Requests let the scheduler place pods and an HPA compute utilization; limits stop one container from starving its node. Set both for cpu and memory.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const resources = rec(container.value.resources);
      const missing = ['requests', 'limits'].flatMap((kind) =>
        ['cpu', 'memory'].filter((r) => rec(resources?.[kind])?.[r] === undefined).map((r) => `${kind}.${r}`),
      );
      if (missing.length === 0) continue;
      const edit = resources === undefined ? insertIntoMapping(object, container.path, RESOURCE_LINES) : undefined;
      context.report({
        range: resources
          ? object.keyRangeOf([...container.path, 'resources'])
          : object.rangeOf([...container.path, 'name']),
        message: `Container "${container.name}" has no resources ${missing.join(', ')}.`,
        fixes: edit ? [{ title: 'Add requests and limits (100m/128Mi, 500m/256Mi)', edits: [edit] }] : [],
      });
    }
  },
};
