import { dig, rec } from '../access';
import type { Rule } from '../rule';
import { describeSelector, labelSelectorMatches, reportUnselected } from '../selectors';

export const pdbSelector: Rule = {
  id: 'pdb-selector',
  defaultSeverity: 'warning',
  title: "A PodDisruptionBudget's selector matches no pods in the workspace",
  docs: 'A PodDisruptionBudget protects the pods its selector picks from voluntary evictions (node drains, cluster upgrades). One that matches no pod protects nothing, and the drain takes every replica at once. Usually a label typo on one side. A warning, like service-selector: the pods may be deployed from elsewhere; when only another application in the workspace has matching pods, information naming its file.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'PodDisruptionBudget') return;
    const selector = rec(dig(object.value, 'spec', 'selector'));
    // No selector selects nothing and `{}` every pod of the namespace: neither is a typo to find.
    const shown = selector ? describeSelector(selector) : '';
    if (!selector || shown === '') return;
    reportUnselected(object, context, object.keyRangeOf(['spec', 'selector']), shown, (t) =>
      labelSelectorMatches(selector, t.labels),
    );
  },
};
