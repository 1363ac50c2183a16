import { hpaTargetRef } from '../hpa';
import type { Rule } from '../rule';

export const hpaTargetRule: Rule = {
  id: 'hpa-target',
  defaultSeverity: 'error',
  title: "An HPA's scaleTargetRef names a workload that does not exist",
  docs: 'A HorizontalPodAutoscaler whose target is missing (or of another kind) scales nothing and reports FailedGetScale.',
  crossObject: true,
  check(object, context) {
    const ref = hpaTargetRef(object);
    if (!ref || context.objects.find(ref.kind, object.namespace, ref.name)) return;
    const others = context.objects
      .ofKind('Deployment')
      .concat(context.objects.ofKind('StatefulSet'))
      .filter((o) => o.name === ref.name);
    const hint = others[0] ? ` (there is a ${others[0].kind} of that name)` : '';
    context.reportMissing(
      { kind: ref.kind, namespace: object.namespace, name: ref.name },
      {
        range: object.rangeOf(['spec', 'scaleTargetRef', 'name']),
        message: `scaleTargetRef ${ref.kind} "${ref.name}" does not exist${hint}.`,
      },
    );
  },
};
