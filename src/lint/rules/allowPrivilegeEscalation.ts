import { dig } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';
import { containerSecurityEdit } from '../security';

export const allowPrivilegeEscalation: Rule = {
  id: 'allow-privilege-escalation',
  defaultSeverity: 'warning',
  title: 'A container does not forbid privilege escalation',
  docs: 'Pod Security Standards "restricted": allowPrivilegeEscalation must be false, or a setuid binary in the image can gain more privileges than the process started with.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      if (dig(container.value, 'securityContext', 'allowPrivilegeEscalation') === false) continue;
      const edit = containerSecurityEdit(object, container, ['allowPrivilegeEscalation: false']);
      const set = dig(container.value, 'securityContext', 'allowPrivilegeEscalation') !== undefined;
      context.report({
        range: set
          ? object.rangeOf([...container.path, 'securityContext', 'allowPrivilegeEscalation'])
          : object.rangeOf([...container.path, 'name']),
        message: `Container "${container.name}" allows privilege escalation: set securityContext.allowPrivilegeEscalation: false.`,
        fixes: edit ? [{ title: 'Set allowPrivilegeEscalation: false', edits: [edit] }] : [],
      });
    }
  },
};
