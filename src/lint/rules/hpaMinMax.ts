import { dig, num } from '../access';
import type { Rule } from '../rule';

export const hpaMinMax: Rule = {
  id: 'hpa-min-max',
  defaultSeverity: 'error',
  title: 'An HPA with minReplicas greater than maxReplicas',
  docs: 'The API server rejects a HorizontalPodAutoscaler whose minReplicas exceeds maxReplicas.',
  crossObject: false,
  check(object, context) {
    if (object.kind !== 'HorizontalPodAutoscaler') return;
    const min = num(dig(object.value, 'spec', 'minReplicas')) ?? 1;
    const max = num(dig(object.value, 'spec', 'maxReplicas'));
    if (max === undefined || min <= max) return;
    context.report({
      range: object.rangeOf([
        'spec',
        dig(object.value, 'spec', 'minReplicas') === undefined ? 'maxReplicas' : 'minReplicas',
      ]),
      message: `minReplicas (${min}) is greater than maxReplicas (${max}).`,
      related: [{ ...object.location(['spec', 'maxReplicas']), message: 'maxReplicas' }],
    });
  },
};
