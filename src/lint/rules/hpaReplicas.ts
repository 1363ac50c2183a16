import { rec } from '../access';
import { deletePair } from '../fixes';
import { hpaTargetRef } from '../hpa';
import type { Rule } from '../rule';

export const hpaReplicas: Rule = {
  id: 'hpa-replicas',
  defaultSeverity: 'warning',
  title: 'A workload sets replicas while an HPA manages it',
  docs: 'Every apply resets the replica count the HPA chose to the manifest value, so a rollout under load drops pods. Leave replicas out and let the HPA own it.',
  crossObject: true,
  check(object, context) {
    if (rec(object.value.spec)?.replicas === undefined) return;
    const hpa = context.objects
      .ofKind('HorizontalPodAutoscaler')
      .find(
        (h) =>
          hpaTargetRef(h)?.kind === object.kind &&
          hpaTargetRef(h)?.name === object.name &&
          (!h.namespace || !object.namespace || h.namespace === object.namespace),
      );
    if (!hpa) return;
    const edit = deletePair(object, ['spec', 'replicas']);
    context.report({
      range: object.keyRangeOf(['spec', 'replicas']),
      message: `replicas is set while ${hpa.display} scales this ${object.kind}: each apply resets the HPA's count.`,
      related: [
        { ...hpa.location(['spec', 'scaleTargetRef', 'name']), message: `${hpa.display} targets this ${object.kind}` },
      ],
      fixes: edit ? [{ title: 'Remove replicas (the HPA owns it)', edits: [edit] }] : [],
    });
  },
};
