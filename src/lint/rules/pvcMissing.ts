import { dig, list, str } from '../access';
import type { LintObject } from '../object';
import type { Path } from '../parse';
import { podTemplate } from '../pods';
import type { Rule, RuleContext } from '../rule';

/** The claim specs of an object: a PersistentVolumeClaim's own, a StatefulSet's volumeClaimTemplates. */
function claimSpecs(object: LintObject): Path[] {
  if (object.kind === 'PersistentVolumeClaim') return [['spec']];
  if (object.kind !== 'StatefulSet') return [];
  return list(dig(object.value, 'spec', 'volumeClaimTemplates')).map((_, i) => [
    'spec',
    'volumeClaimTemplates',
    i,
    'spec',
  ]);
}

/** A named StorageClass must exist for the claim to bind; it is a platform object, so only the cluster can say. */
function checkStorageClasses(object: LintObject, context: RuleContext): void {
  for (const spec of claimSpecs(object)) {
    const name = str(dig(object.value, ...spec, 'storageClassName'));
    // "" asks for no class (a pre-provisioned volume); a class anywhere in the workspace is cluster-wide.
    if (!name || context.elsewhere.find('StorageClass', undefined, name)) continue;
    context.reportMissing(
      { kind: 'StorageClass', namespace: undefined, name },
      {
        range: object.rangeOf([...spec, 'storageClassName']),
        message: `StorageClass "${name}" is not in the workspace.`,
      },
    );
  }
}

export const pvcMissing: Rule = {
  id: 'pvc-missing',
  defaultSeverity: 'error',
  title: 'A volume names a PersistentVolumeClaim, or a claim a StorageClass, that does not exist',
  docs: 'A pod whose claimName has no PersistentVolumeClaim stays Pending, and so does a claim whose storageClassName the cluster lacks. A claim created outside the manifests is reported as information until the connected cluster shows it is missing too; a StorageClass (a platform object) only once the connected cluster shows it is missing.',
  crossObject: true,
  check(object, context) {
    checkStorageClasses(object, context);
    const template = podTemplate(object);
    list(template?.spec.volumes).forEach((volume, i) => {
      const claim = str(dig(volume, 'persistentVolumeClaim', 'claimName'));
      if (!template || claim === undefined || context.objects.find('PersistentVolumeClaim', object.namespace, claim))
        return;
      context.reportMissing(
        { kind: 'PersistentVolumeClaim', namespace: object.namespace, name: claim },
        {
          range: object.rangeOf([...template.path, 'spec', 'volumes', i, 'persistentVolumeClaim', 'claimName']),
          message: `PersistentVolumeClaim "${claim}" is not in the workspace.`,
        },
      );
    });
  },
};
