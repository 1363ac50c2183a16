import { selectedTemplates, serviceSelector } from '../services';
import type { Rule } from '../rule';

export const serviceSelectorRule: Rule = {
  id: 'service-selector',
  defaultSeverity: 'warning',
  title: "A Service's selector matches no pods in the workspace",
  docs: 'A Service whose selector matches no pod template has no endpoints: every request to it fails. Usually a label typo on one side.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'Service') return;
    const selector = serviceSelector(object);
    if (Object.keys(selector).length === 0) return;
    if (selectedTemplates(context.objects, object).length > 0) return;
    const shown = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    context.report({
      range: object.keyRangeOf(['spec', 'selector']),
      message: `Selector ${shown} matches no pods in the workspace.`,
    });
  },
};
