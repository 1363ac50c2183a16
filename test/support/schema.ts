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
    const mod = requireModel(modelPath(apiVersion, kind)) as Record<string, new (data: unknown) => { validate(): void }>;
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
