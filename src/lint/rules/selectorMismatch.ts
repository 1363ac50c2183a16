import { own } from '../../util/own';
import { dig, stringMap } from '../access';
import { insertIntoMapping, replaceValue } from '../fixes';
import type { LintObject } from '../object';
import type { Path } from '../parse';
import { podTemplate, type PodTemplate } from '../pods';
import type { Rule } from '../rule';
import type { TextEdit } from '../types';

const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Aligns the selector with the template: takes the template's value, or adds the label the template lacks. */
function alignEdit(object: LintObject, template: PodTemplate, selectorPath: Path, value: string): TextEdit | undefined {
  const key = String(selectorPath[selectorPath.length - 1]);
  const templateValue = own(template.labels, key);
  if (templateValue !== undefined) return replaceValue(object, selectorPath, JSON.stringify(templateValue));
  return insertIntoMapping(object, [...template.path, 'metadata', 'labels'], [`${key}: ${JSON.stringify(value)}`]);
}

export const selectorMismatch: Rule = {
  id: 'selector-mismatch',
  defaultSeverity: 'error',
  title: "A controller's selector does not match its pod template's labels",
  docs: 'The API server rejects a Deployment (or StatefulSet, DaemonSet, ReplicaSet) whose spec.selector does not select the pods its own template creates.',
  crossObject: false,
  check(object, context) {
    if (!CONTROLLERS.has(object.kind)) return;
    const template = podTemplate(object);
    // A ReplicationController's selector is a plain label map; the others use matchLabels.
    const selectorPath =
      object.kind === 'ReplicationController' ? ['spec', 'selector'] : ['spec', 'selector', 'matchLabels'];
    const selector = stringMap(dig(object.value, ...selectorPath));
    if (!template) return;
    for (const [key, value] of Object.entries(selector)) {
      if (own(template.labels, key) === value) continue;
      const edit = alignEdit(object, template, [...selectorPath, key], value);
      const actual = own(template.labels, key);
      context.report({
        range: object.rangeOf([...selectorPath, key]),
        message:
          actual === undefined
            ? `Selector label ${key}=${value} is not among the pod template's labels.`
            : `Selector label ${key}=${value} does not match the pod template's ${key}=${actual}.`,
        related: [{ ...object.location([...template.path, 'metadata', 'labels']), message: 'Pod template labels' }],
        fixes: edit
          ? [
              {
                title:
                  actual === undefined
                    ? `Add ${key}: ${value} to the template labels`
                    : `Use ${key}: ${actual} in the selector`,
                edits: [edit],
              },
            ]
          : [],
      });
    }
  },
};
