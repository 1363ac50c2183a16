import { closest } from '../../util/closest';
import { own } from '../../util/own';
import { replaceValue } from '../fixes';
import { selects, type PodTemplate } from '../pods';
import { serviceSelector } from '../services';
import type { Rule } from '../rule';
import { reportUnselected } from '../selectors';

interface NearMiss {
  readonly template: PodTemplate;
  readonly key: string;
  /** The template's spelling: of the value under the same key, or of the key holding the same value. */
  readonly labelled: string;
  readonly part: 'value' | 'key';
}

/**
 * A typo, not a different name: closest() calls them near, they differ in more than digits (`web-v1` and `web-v2` are
 * two versions), and a short name (under four letters, where one edit is a different word: `api`, `app`) differs only
 * in case or by a swap of neighbours (`wbe`).
 */
function typo(typed: string, labelled: string): boolean {
  if (closest(typed, [labelled]) !== labelled) return false;
  if (typed.replace(/\d/g, '') === labelled.replace(/\d/g, '')) return false;
  return typed.length >= 4 || [...typed.toLowerCase()].sort().join('') === [...labelled.toLowerCase()].sort().join('');
}

/**
 * The application's pod template that the selector would select but for one typo in one of its labels, the key or
 * the value; every other label of the selector must match exactly.
 */
function nearMiss(selector: Record<string, string>, templates: readonly PodTemplate[]): NearMiss | undefined {
  const entries = Object.entries(selector);
  for (const template of templates) {
    for (const [key, value] of entries) {
      if (!entries.every(([k, v]) => k === key || own(template.labels, k) === v)) continue;
      const labelledValue = own(template.labels, key);
      if (labelledValue !== undefined) {
        if (typo(value, labelledValue)) return { template, key, labelled: labelledValue, part: 'value' };
        continue;
      }
      const labelledKey = Object.keys(template.labels).find(
        (k) => !(k in selector) && template.labels[k] === value && typo(key, k),
      );
      if (labelledKey !== undefined) return { template, key, labelled: labelledKey, part: 'key' };
    }
  }
  return undefined;
}

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
    const templates = context.objects.podTemplates(object.namespace);
    const near = templates.some((t) => selects(selector, t.labels)) ? undefined : nearMiss(selector, templates);
    if (near) {
      const { template, key, labelled, part } = near;
      const theirs = part === 'value' ? `${key}=${labelled}` : `${labelled}=${selector[key] ?? ''}`;
      const edit = part === 'value' ? replaceValue(object, ['spec', 'selector', key], labelled) : undefined;
      context.report({
        range: part === 'value' ? object.rangeOf(['spec', 'selector', key]) : object.keyRangeOf(['spec', 'selector']),
        severity: 'error',
        message: `Selector ${shown} matches no pods: did you mean ${theirs}, the label of ${template.object.display}'s pods?`,
        related: [{ ...template.object.location(), message: `Pods labelled ${theirs}: ${template.object.display}` }],
        fixes: edit ? [{ title: `Change to "${labelled}"`, edits: [edit] }] : [],
      });
      return;
    }
    reportUnselected(object, context, object.keyRangeOf(['spec', 'selector']), shown, (t) =>
      selects(selector, t.labels),
    );
  },
};
