import { dig, list, rec, str } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

/** Volume names a pod can mount: its volumes, plus a StatefulSet's claim templates. */
function volumeNames(spec: Record<string, unknown>, claimTemplates: unknown): Set<string> {
  const names = [...list(spec.volumes), ...list(claimTemplates).map((t) => rec(t)?.metadata)].map((v) =>
    str(rec(v)?.name),
  );
  return new Set(names.filter((n): n is string => n !== undefined));
}

export const volumeMountMissing: Rule = {
  id: 'volume-mount-missing',
  defaultSeverity: 'error',
  title: 'A volumeMount names a volume the pod does not have',
  docs: 'The API server rejects a pod whose container mounts a volume name missing from spec.volumes (or, for a StatefulSet, from volumeClaimTemplates).',
  crossObject: false,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    const names = volumeNames(template.spec, dig(object.value, 'spec', 'volumeClaimTemplates'));
    for (const container of template.containers) {
      for (const field of ['volumeMounts', 'volumeDevices']) {
        list(container.value[field]).forEach((mount, i) => {
          const name = str(rec(mount)?.name);
          if (name === undefined || names.has(name)) return;
          const known = [...names].join(', ') || 'none';
          context.report({
            range: object.rangeOf([...container.path, field, i, 'name']),
            message: `Container "${container.name}" mounts volume "${name}", which the pod does not define (volumes: ${known}).`,
          });
        });
      }
    }
  },
};
