import { closest } from '../util/closest';
import { own } from '../util/own';
import { list, rec, str, stringMap, type Rec } from './access';
import { replaceValue } from './fixes';
import type { LintObject } from './object';
import { selects, type PodTemplate } from './pods';
import type { RuleContext } from './rule';
import type { Path } from './parse';
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

/**
 * Reports, as an error with a fix, a label selector (`path` holds its labels) that selects no pod template of the
 * object's application but would select one if a label were spelt as that workload spells it. True when it did.
 */
export function reportTypo(
  object: LintObject,
  context: RuleContext,
  selector: Record<string, string>,
  path: Path,
): boolean {
  const templates = context.objects.podTemplates(object.namespace);
  if (templates.some((t) => selects(selector, t.labels))) return false;
  const near = nearMiss(selector, templates);
  if (!near) return false;
  const { template, key, labelled, part } = near;
  const shown = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const theirs = part === 'value' ? `${key}=${labelled}` : `${labelled}=${selector[key] ?? ''}`;
  const edit = part === 'value' ? replaceValue(object, [...path, key], labelled) : undefined;
  context.report({
    range: part === 'value' ? object.rangeOf([...path, key]) : object.keyRangeOf([...path, key]),
    severity: 'error',
    message: `Selector ${shown} matches no pods: did you mean ${theirs}, the label of ${template.object.display}'s pods?`,
    related: [{ ...template.object.location(), message: `Pods labelled ${theirs}: ${template.object.display}` }],
    fixes: edit ? [{ title: `Change to "${labelled}"`, edits: [edit] }] : [],
  });
  return true;
}
