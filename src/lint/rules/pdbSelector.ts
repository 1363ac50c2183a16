import { dig, rec, stringMap } from '../access';
import type { Rule } from '../rule';
import { describeSelector, labelSelectorMatches, reportTypo, reportUnselected } from '../selectors';

export const pdbSelector: Rule = {
  id: 'pdb-selector',
  defaultSeverity: 'warning',
  title: "A PodDisruptionBudget's selector matches no pods in the workspace",
  docs: 'A PodDisruptionBudget protects the pods its selector picks from voluntary evictions (node drains, cluster upgrades). One that matches no pod protects nothing, and the drain takes every replica at once. Usually a label typo on one side: an error with a did-you-mean fix when a workload of the same application would match but for one typo in one label. Otherwise a warning, like service-selector: the pods may be deployed from elsewhere; when only another application in the workspace has matching pods, information naming its file.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'PodDisruptionBudget') return;
    const selector = rec(dig(object.value, 'spec', 'selector'));
    // No selector selects nothing and `{}` every pod of the namespace: neither is a typo to find.
    const shown = selector ? describeSelector(selector) : '';
    if (!selector || shown === '') return;
    const onlyLabels = selector.matchExpressions === undefined;
    if (onlyLabels && reportTypo(object, context, stringMap(selector.matchLabels), ['spec', 'selector', 'matchLabels']))
      return;
    reportUnselected(object, context, object.keyRangeOf(['spec', 'selector']), shown, (t) =>
      labelSelectorMatches(selector, t.labels),
    );
  },
};
