import { selects } from '../pods';
import { serviceSelector } from '../services';
import type { Rule } from '../rule';
import { reportTypo, reportUnselected } from '../selectors';

export const serviceSelectorRule: Rule = {
  id: 'service-selector',
  defaultSeverity: 'warning',
  title: "A Service's selector matches no pods in the workspace",
  docs: 'A Service whose selector matches no pod template has no endpoints: every request to it fails. Usually a label typo on one side: when a workload of the same application would match but for one typo in one label, an error naming the workload, with a fix to its spelling. Otherwise a warning (the pods may come from elsewhere), or information naming the file when only another application in the workspace has matching pods.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'Service') return;
    const selector = serviceSelector(object);
    if (Object.keys(selector).length === 0) return;
    const shown = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    if (reportTypo(object, context, selector, ['spec', 'selector'])) return;
    reportUnselected(object, context, object.keyRangeOf(['spec', 'selector']), shown, (t) =>
      selects(selector, t.labels),
    );
  },
};
