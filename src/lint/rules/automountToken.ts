import { str } from '../access';
import { insertIntoMapping } from '../fixes';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

export const automountServiceAccountToken: Rule = {
  id: 'automount-service-account-token',
  defaultSeverity: 'info',
  title: 'A pod that does not call the Kubernetes API still mounts a ServiceAccount token',
  docs: 'Every pod gets a token for its ServiceAccount unless automountServiceAccountToken is false; an intruder in the pod can use it against the API server. Pods that run as the default ServiceAccount rarely need it. A pod with its own serviceAccountName is assumed to need its token.',
  crossObject: false,
  check(object, context) {
    const template = podTemplate(object);
    if (!template || template.spec.automountServiceAccountToken === false) return;
    const account = str(template.spec.serviceAccountName) ?? str(template.spec.serviceAccount);
    if (account !== undefined && account !== 'default') return;
    const set = template.spec.automountServiceAccountToken !== undefined;
    const edit = set
      ? undefined
      : insertIntoMapping(object, [...template.path, 'spec'], ['automountServiceAccountToken: false']);
    context.report({
      range: set
        ? object.rangeOf([...template.path, 'spec', 'automountServiceAccountToken'])
        : object.keyRangeOf([...template.path, 'spec']),
      message:
        'The pod mounts a ServiceAccount token it likely does not need: set automountServiceAccountToken: false.',
      fixes: edit ? [{ title: 'Set automountServiceAccountToken: false', edits: [edit] }] : [],
    });
  },
};
