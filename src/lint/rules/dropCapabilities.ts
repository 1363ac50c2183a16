import { dig, list, str } from '../access';
import { insertIntoMapping } from '../fixes';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';
import { containerSecurityEdit } from '../security';

export const dropCapabilities: Rule = {
  id: 'drop-capabilities',
  defaultSeverity: 'warning',
  title: 'A container keeps the default Linux capabilities',
  docs: 'Pod Security Standards "restricted": containers must drop ALL capabilities (and may add back only NET_BIND_SERVICE). The defaults include NET_RAW, which allows spoofing packets inside the cluster network.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const capabilities = dig(container.value, 'securityContext', 'capabilities');
      const drop = list(dig(capabilities, 'drop')).map((c) => str(c)?.toUpperCase());
      if (drop.includes('ALL')) continue;
      const edit =
        capabilities === undefined
          ? containerSecurityEdit(object, container, ['capabilities:', '  drop: [ALL]'])
          : dig(capabilities, 'drop') === undefined
            ? insertIntoMapping(object, [...container.path, 'securityContext', 'capabilities'], ['drop: [ALL]'])
            : undefined;
      context.report({
        range:
          capabilities === undefined
            ? object.rangeOf([...container.path, 'name'])
            : object.keyRangeOf([...container.path, 'securityContext', 'capabilities']),
        message: `Container "${container.name}" does not drop ALL capabilities.`,
        fixes: edit ? [{ title: 'Drop ALL capabilities', edits: [edit] }] : [],
      });
    }
  },
};
