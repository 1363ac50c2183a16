import { dig, num } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';
import { effective, podSecurityEdit } from '../security';

export const runAsNonRoot: Rule = {
  id: 'run-as-non-root',
  defaultSeverity: 'warning',
  title: 'A container may run as root',
  docs: 'Pod Security Standards "restricted": containers must set runAsNonRoot: true (or a non-zero runAsUser), in the container or the pod securityContext. A process that escapes its container as root owns the node. The image must then run as a numeric non-root user (USER 10001 in its Dockerfile, or runAsUser).',
  crossObject: false,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    for (const container of template.containers) {
      const user = num(effective(template, container, 'runAsUser'));
      if (user === 0) {
        const own = dig(container.value, 'securityContext', 'runAsUser') === 0;
        const range = own
          ? object.rangeOf([...container.path, 'securityContext', 'runAsUser'])
          : object.rangeOf([...template.path, 'spec', 'securityContext', 'runAsUser']);
        context.report({ range, message: `Container "${container.name}" runs as root (runAsUser: 0).` });
        continue;
      }
      if (effective(template, container, 'runAsNonRoot') === true || (user !== undefined && user > 0)) continue;
      const edit = podSecurityEdit(object, template, ['runAsNonRoot: true']);
      context.report({
        range: object.rangeOf([...container.path, 'name']),
        message: `Container "${container.name}" may run as root: set runAsNonRoot: true (or a non-zero runAsUser).`,
        fixes: edit ? [{ title: 'Set runAsNonRoot: true in the pod securityContext', edits: [edit] }] : [],
      });
    }
  },
};
