import { own } from '../../util/own';
import { str } from '../access';
import { insertIntoMapping, replaceValue } from '../fixes';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';
import type { QuickFix, TextEdit } from '../types';

/** What the API server accepts as a pod template's restartPolicy, by the kind that owns the template. */
const ALLOWED: Record<string, readonly string[]> = {
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
  Deployment: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  ReplicaSet: ['Always'],
  ReplicationController: ['Always'],
};

const POLICIES = new Set(['Always', 'OnFailure', 'Never']);

function fix(title: string, edit: TextEdit | undefined): QuickFix[] {
  return edit ? [{ title, edits: [edit] }] : [];
}

export const restartPolicy: Rule = {
  id: 'restart-policy',
  defaultSeverity: 'error',
  title: "A pod template's restartPolicy is one its controller does not accept",
  docs: "A Job (or a CronJob's jobTemplate) runs pods to completion: the API server accepts only restartPolicy OnFailure or Never, and an absent restartPolicy defaults to Always, which it rejects too. A Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController keeps its pods running: only Always (the default).",
  crossObject: false,
  check(object, context) {
    const allowed = own(ALLOWED, object.kind);
    const template = podTemplate(object);
    if (!allowed || !template) return;
    const specPath = [...template.path, 'spec'];
    const value = template.spec.restartPolicy;
    const batch = allowed[0] !== 'Always';
    if (value === undefined) {
      // A kustomize patch leaves the field to its base.
      if (!batch || context.partial) return;
      context.report({
        range: object.keyRangeOf([...template.path, 'spec']),
        message: `A ${object.kind}'s pods need restartPolicy OnFailure or Never; without it the pod defaults to Always, which the API server rejects.`,
        fixes: fix('Set restartPolicy: Never', insertIntoMapping(object, specPath, ['restartPolicy: Never'])),
      });
      return;
    }
    const policy = str(value);
    // A value that is no restart policy at all (`Neverr`) is the schema rule's finding: one finding, not two.
    if (policy === undefined || allowed.includes(policy) || !POLICIES.has(policy)) return;
    const suggestion = batch ? 'Never' : 'Always';
    context.report({
      range: object.rangeOf([...specPath, 'restartPolicy']),
      message: `restartPolicy ${policy} is not allowed in a ${object.kind}'s pod template: it must be ${allowed.join(' or ')}.`,
      fixes: fix(`Use restartPolicy: ${suggestion}`, replaceValue(object, [...specPath, 'restartPolicy'], suggestion)),
    });
  },
};
