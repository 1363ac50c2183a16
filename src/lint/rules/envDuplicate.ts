import { list, rec, str } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

export const envDuplicate: Rule = {
  id: 'env-duplicate',
  defaultSeverity: 'warning',
  title: 'The same environment variable is set twice in a container',
  docs: 'Only the last of two env entries with one name takes effect, and server-side apply merges env by name, so the duplicate hides a value you think is set.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const seen = new Map<string, number>();
      list(container.value.env).forEach((entry, i) => {
        const name = str(rec(entry)?.name);
        if (name === undefined) return;
        const first = seen.get(name);
        if (first === undefined) return void seen.set(name, i);
        context.report({
          range: object.rangeOf([...container.path, 'env', i, 'name']),
          message: `Environment variable "${name}" is already set in container "${container.name}".`,
          related: [{ ...object.location([...container.path, 'env', first, 'name']), message: 'First definition' }],
        });
      });
    }
  },
};
