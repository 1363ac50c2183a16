import { configRefs, providedKeys } from '../configRefs';
import { unreadEnvFiles } from '../kustomize';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

export const configRef: Rule = {
  id: 'config-ref',
  defaultSeverity: 'error',
  title: 'A referenced ConfigMap or Secret, or one of its keys, is missing',
  docs: 'configMapKeyRef/secretKeyRef, envFrom and configMap/secret volumes (and their items) must name an existing object and key, or the pod stays in CreateContainerConfigError. A Secret made outside the manifests is reported as information until the connected cluster shows it is missing too. Mark a reference optional: true when it may be absent.',
  crossObject: true,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    for (const ref of configRefs(template)) {
      if (ref.optional) continue;
      const target = context.objects.find(ref.kind, object.namespace, ref.name);
      if (!target) {
        const message = `${ref.kind} "${ref.name}" is not in the workspace.`;
        context.reportMissing(
          { kind: ref.kind, namespace: object.namespace, name: ref.name },
          { range: object.rangeOf(ref.namePath), message },
        );
        continue;
      }
      const keys = providedKeys(target.value);
      const unread = unreadEnvFiles(target);
      for (const { key, path } of ref.keys) {
        if (keys.has(key)) continue;
        if (unread.length > 0) {
          context.report({
            range: object.rangeOf(path),
            severity: 'info',
            message: `Key "${key}" of ${target.display} cannot be checked: its secretGenerator reads ${unread.join(', ')}, which is not in the repository.`,
            related: [{ ...target.location(), message: `${target.display}` }],
          });
          continue;
        }
        context.report({
          range: object.rangeOf(path),
          message: `${target.display} has no key "${key}" (keys: ${[...keys].join(', ') || 'none'}).`,
          related: [{ ...target.location(), message: `${target.display}` }],
        });
      }
    }
  },
};
