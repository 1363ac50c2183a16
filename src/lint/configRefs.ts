import { list, rec, str, type Rec } from './access';
import type { Path } from './parse';
import type { PodTemplate } from './pods';

/** A pod's reference to a ConfigMap or Secret, and the keys it needs from it. */
export interface ConfigRef {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly namePath: Path;
  readonly keys: readonly { key: string; path: Path }[];
  readonly optional: boolean;
}

function ref(
  kind: ConfigRef['kind'],
  source: Rec,
  path: Path,
  nameField: string,
  keys: ConfigRef['keys'],
): ConfigRef[] {
  const name = str(source[nameField]);
  return name === undefined
    ? []
    : [{ kind, name, namePath: [...path, nameField], keys, optional: source.optional === true }];
}

function itemKeys(source: Rec, path: Path): ConfigRef['keys'] {
  return list(source.items).flatMap((item, i) => {
    const key = str(rec(item)?.key);
    return key === undefined ? [] : [{ key, path: [...path, 'items', i, 'key'] }];
  });
}

function envRefs(template: PodTemplate): ConfigRef[] {
  return template.containers.flatMap((c) => [
    ...list(c.value.env).flatMap((e, i) => {
      const from = rec(rec(e)?.valueFrom);
      return (['configMapKeyRef', 'secretKeyRef'] as const).flatMap((field) => {
        const source = rec(from?.[field]);
        const path = [...c.path, 'env', i, 'valueFrom', field];
        const key = str(source?.key);
        const keys = key === undefined ? [] : [{ key, path: [...path, 'key'] }];
        return source ? ref(field === 'configMapKeyRef' ? 'ConfigMap' : 'Secret', source, path, 'name', keys) : [];
      });
    }),
    ...list(c.value.envFrom).flatMap((e, i) =>
      (['configMapRef', 'secretRef'] as const).flatMap((field) => {
        const source = rec(rec(e)?.[field]);
        return source
          ? ref(field === 'configMapRef' ? 'ConfigMap' : 'Secret', source, [...c.path, 'envFrom', i, field], 'name', [])
          : [];
      }),
    ),
  ]);
}

function volumeRefs(template: PodTemplate): ConfigRef[] {
  const volumesPath = [...template.path, 'spec', 'volumes'];
  return list(template.spec.volumes).flatMap((v, i) => {
    const volume = rec(v) ?? {};
    const configMap = rec(volume.configMap);
    const secret = rec(volume.secret);
    const projected = list(rec(volume.projected)?.sources).flatMap((s, j) => {
      const path = [...volumesPath, i, 'projected', 'sources', j];
      const cm = rec(rec(s)?.configMap);
      const sec = rec(rec(s)?.secret);
      return [
        ...(cm ? ref('ConfigMap', cm, [...path, 'configMap'], 'name', itemKeys(cm, [...path, 'configMap'])) : []),
        ...(sec ? ref('Secret', sec, [...path, 'secret'], 'name', itemKeys(sec, [...path, 'secret'])) : []),
      ];
    });
    return [
      ...(configMap
        ? ref(
            'ConfigMap',
            configMap,
            [...volumesPath, i, 'configMap'],
            'name',
            itemKeys(configMap, [...volumesPath, i, 'configMap']),
          )
        : []),
      ...(secret
        ? ref(
            'Secret',
            secret,
            [...volumesPath, i, 'secret'],
            'secretName',
            itemKeys(secret, [...volumesPath, i, 'secret']),
          )
        : []),
      ...projected,
    ];
  });
}

/** Every ConfigMap/Secret reference of a pod: env, envFrom, volumes and projected volumes. */
export function configRefs(template: PodTemplate): ConfigRef[] {
  return [...envRefs(template), ...volumeRefs(template)];
}

/** The keys a ConfigMap or Secret provides. */
export function providedKeys(object: Rec): Set<string> {
  return new Set(['data', 'stringData', 'binaryData'].flatMap((field) => Object.keys(rec(object[field]) ?? {})));
}
