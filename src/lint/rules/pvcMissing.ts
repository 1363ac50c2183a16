import { dig, list, str } from '../access';
import { podTemplate } from '../pods';
import type { Rule } from '../rule';

export const pvcMissing: Rule = {
  id: 'pvc-missing',
  defaultSeverity: 'error',
  title: 'A volume names a PersistentVolumeClaim that does not exist',
  docs: 'A pod whose claimName has no PersistentVolumeClaim stays Pending. A claim created outside the manifests is reported as information until the connected cluster shows it is missing too.',
  crossObject: true,
  check(object, context) {
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
