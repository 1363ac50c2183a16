import { own } from '../util/own';
import { list, rec, str, stringMap, type Rec } from './access';
import type { LintObject } from './object';
import type { PodTemplate } from './pods';
import type { RuleContext } from './rule';
import type { Range } from './types';

/** True when a metav1.LabelSelector (matchLabels and matchExpressions) selects the labels; `{}` selects all. */
export function labelSelectorMatches(selector: Rec, labels: Record<string, string>): boolean {
  const matchLabels = Object.entries(stringMap(selector.matchLabels));
  if (!matchLabels.every(([k, v]) => own(labels, k) === v)) return false;
  return list(selector.matchExpressions).every((e) => {
    const expression = rec(e);
    const key = str(expression?.key) ?? '';
    const values = list(expression?.values).map(String);
    const value = own(labels, key);
    switch (str(expression?.operator) ?? '') {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
}

/** A selector as messages show it: `app=web, tier in (a, b)`. */
export function describeSelector(selector: Rec): string {
  const labels = Object.entries(stringMap(selector.matchLabels)).map(([k, v]) => `${k}=${v}`);
  const expressions = list(selector.matchExpressions).map((e) => {
    const expression = rec(e);
    const values = list(expression?.values).map(String).join(', ');
    return `${str(expression?.key) ?? '?'} ${str(expression?.operator) ?? '?'}${values ? ` (${values})` : ''}`;
  });
  return [...labels, ...expressions].join(', ');
}

/**
 * Reports a selector that picks no pod template of the object's application: a warning (the pods may be deployed
 * from elsewhere), or information naming the other application's workload when only that one matches.
 */
export function reportUnselected(
  object: LintObject,
  context: RuleContext,
  range: Range,
  shown: string,
  matches: (template: PodTemplate) => boolean,
): void {
  if (context.objects.podTemplates(object.namespace).some(matches)) return;
  const other = context.elsewhere.podTemplates(object.namespace).find(matches);
  if (!other) {
    context.report({ range, message: `Selector ${shown} matches no pods in the workspace.` });
    return;
  }
  context.report({
    range,
    severity: 'info',
    message: `Selector ${shown} matches no pods of this application; only ${other.object.display} of another application does, which this one does not see.`,
    related: [{ ...other.object.location(), message: other.object.display }],
  });
}
