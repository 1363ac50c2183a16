import { str } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

export const serviceAccountMissing: Rule = {
  id: 'service-account-missing',
  defaultSeverity: 'error',
  title: 'A pod runs as a ServiceAccount that does not exist',
  docs: 'The API server refuses to create pods for a missing serviceAccountName, so the workload never starts. Every namespace has "default".',
  crossObject: true,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    const field = template.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
    const name = str(template.spec[field]);
    if (name === undefined || name === 'default' || context.objects.find('ServiceAccount', object.namespace, name))
      return;
    context.reportMissing(
      { kind: 'ServiceAccount', namespace: object.namespace, name },
      {
        range: object.rangeOf([...template.path, 'spec', field]),
        message: `ServiceAccount "${name}" is not in the workspace.`,
      },
    );
  },
};
