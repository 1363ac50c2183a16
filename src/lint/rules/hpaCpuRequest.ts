import { dig } from '../access';
import { cpuUtilizationPath, hpaTarget } from '../hpa';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

export const hpaCpuRequest: Rule = {
  id: 'hpa-cpu-request',
  defaultSeverity: 'warning',
  title: 'An HPA scales on CPU utilization while a target container has no CPU request',
  docs: 'CPU utilization is a percentage of the CPU request: with a container lacking one, the HPA cannot compute it and does not scale (FailedGetResourceMetric).',
  crossObject: true,
  check(object, context) {
    const path = cpuUtilizationPath(object);
    const target = path && hpaTarget(context.objects, object);
    if (!path || !target) return;
    for (const container of podTemplate(target)?.containers ?? []) {
      if (container.init || dig(container.value, 'resources', 'requests', 'cpu') !== undefined) continue;
      context.report({
        range: object.rangeOf(path),
        message: `Scales on CPU utilization, but container "${container.name}" of ${target.display} has no CPU request.`,
        related: [
          {
            ...target.location([...container.path, 'name']),
            message: `Container "${container.name}" without resources.requests.cpu`,
          },
        ],
      });
    }
  },
};
