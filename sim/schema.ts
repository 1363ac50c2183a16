// Field-level type information for the kinds we serve, read from @kubernetes/client-node's generated
// models (each class carries an attributeTypeMap generated from the Kubernetes OpenAPI spec).
// Used for strict field validation (unknown fields) and for the OpenAPI documents' component schemas.
// Only the generated models (the full package index also loads HTTP, auth and websocket code: ~3x slower start).
import * as k8s from '@kubernetes/client-node/dist/gen/models/all.js';

export interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
interface ModelClass {
  getAttributeTypeMap(): Attribute[];
}

const models = k8s as unknown as Record<string, ModelClass | undefined>;

/** client-node's model class name for a kind: V1Deployment, V2HorizontalPodAutoscaler, CoreV1Event. */
export function modelName(version: string, kind: string): string {
  if (kind === 'Event' && version === 'v1') return 'CoreV1Event';
  return version.charAt(0).toUpperCase() + version.slice(1) + kind;
}

export function attributes(model: string): Attribute[] | undefined {
  const cls = models[model];
  return cls && typeof cls.getAttributeTypeMap === 'function' ? cls.getAttributeTypeMap() : undefined;
}

/** Describes a client-node type string: `Array<X>`, `{ [key: string]: X; }`, a model name or a primitive. */
export type TypeShape =
  | { shape: 'array'; item: string }
  | { shape: 'map'; value: string }
  | { shape: 'model'; model: string }
  | { shape: 'primitive'; type: string };

export function typeShape(type: string): TypeShape {
  let m = /^Array<(.+)>$/.exec(type);
  if (m) return { shape: 'array', item: m[1]! };
  m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (m) return { shape: 'map', value: m[1]! };
  if (attributes(type)) return { shape: 'model', model: type };
  return { shape: 'primitive', type };
}

/**
 * Paths (dotted, as the real strict decoder prints them: `spec.template.spec.containers[0].foo`)
 * of fields the schema does not declare.
 */
export function unknownFields(value: unknown, model: string, path = ''): string[] {
  const attrs = attributes(model);
  if (!attrs || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    const attr = attrs.find((a) => a.baseName === key);
    if (!attr) {
      out.push(here);
      continue;
    }
    out.push(...unknownIn(v, attr.type, here));
  }
  return out;
}

function unknownIn(v: unknown, type: string, path: string): string[] {
  const t = typeShape(type);
  switch (t.shape) {
    case 'model':
      return unknownFields(v, t.model, path);
    case 'array':
      return Array.isArray(v) ? v.flatMap((item, i) => unknownIn(item, t.item, `${path}[${i}]`)) : [];
    case 'map':
      return typeof v === 'object' && v !== null
        ? Object.entries(v).flatMap(([k, x]) => unknownIn(x, t.value, `${path}.${k}`))
        : [];
    case 'primitive':
      return [];
  }
}
