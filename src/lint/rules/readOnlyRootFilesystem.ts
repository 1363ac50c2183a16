import { dig } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';
import { containerSecurityEdit } from '../security';

export const readOnlyRootFilesystem: Rule = {
  id: 'read-only-root-filesystem',
  defaultSeverity: 'info',
  title: "A container's root file system is writable",
  docs: 'readOnlyRootFilesystem: true stops an intruder from changing the binaries a container runs; write to mounted volumes (an emptyDir for /tmp) instead. Not part of the Pod Security Standards, so information by default.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      if (dig(container.value, 'securityContext', 'readOnlyRootFilesystem') === true) continue;
      const edit = containerSecurityEdit(object, container, ['readOnlyRootFilesystem: true']);
      context.report({
        range: object.rangeOf([...container.path, 'name']),
        message: `Container "${container.name}" has a writable root file system: set securityContext.readOnlyRootFilesystem: true and mount volumes where it writes.`,
        fixes: edit ? [{ title: 'Set readOnlyRootFilesystem: true', edits: [edit] }] : [],
      });
    }
  },
};
