import { createRequire } from 'node:module';

const requireModel = createRequire(__filename);

/** The kubernetes-models module path of an apiVersion/kind, e.g. `apps/v1` + `Deployment`. */
function modelPath(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/** Validates an object with the kubernetes-models validators; returns the error text, or undefined when valid. */
export function schemaErrors(object: { apiVersion?: unknown; kind?: unknown }): string | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'apiVersion and kind are required';
  let Model: (new (data: unknown) => { validate(): void }) | undefined;
  try {
    const mod = requireModel(modelPath(apiVersion, kind)) as Record<
      string,
      new (data: unknown) => { validate(): void }
    >;
    Model = mod[kind];
  } catch {
    return `no schema for ${apiVersion} ${kind}`;
  }
  if (!Model) return `no schema for ${apiVersion} ${kind}`;
  try {
    new Model(object).validate();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Model class names of @kubernetes/client-node that differ from `V1<Kind>`. */
const CLIENT_MODEL: Record<string, string> = { 'autoscaling/v2/HorizontalPodAutoscaler': 'V2HorizontalPodAutoscaler' };

interface AttributeType {
  baseName: string;
  type: string;
}

/**
 * Fields the Kubernetes API does not know, found by walking the object through @kubernetes/client-node's
 * model type maps (the kubernetes-models validators accept unknown fields, so a typo would pass them).
 */
export async function unknownFields(object: { apiVersion?: unknown; kind?: unknown }): Promise<string[]> {
  const models = (await import('@kubernetes/client-node')) as unknown as Record<
    string,
    { attributeTypeMap?: AttributeType[] } | undefined
  >;
  const modelName = CLIENT_MODEL[`${String(object.apiVersion)}/${String(object.kind)}`] ?? `V1${String(object.kind)}`;
  if (!models[modelName]) return [];
  const found: string[] = [];
  const walk = (value: unknown, type: string, where: string): void => {
    if (value === null || value === undefined) return;
    const array = /^Array<(.+)>$/.exec(type);
    if (array && Array.isArray(value)) return value.forEach((v, i) => walk(v, array[1]!, `${where}[${i}]`));
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map && typeof value === 'object')
      return Object.entries(value).forEach(([k, v]) => walk(v, map[1]!, `${where}.${k}`));
    const attributes = models[type]?.attributeTypeMap;
    if (!attributes || typeof value !== 'object') return;
    const known = new Map(attributes.map((a) => [a.baseName, a.type]));
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childType = known.get(key);
      if (childType === undefined) found.push(`${where}.${key}`);
      else walk(child, childType, `${where}.${key}`);
    }
  };
  walk(object, modelName, '');
  return found;
}
