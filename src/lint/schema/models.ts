import { own } from '../../util/own';
import { BUILT_IN_KINDS } from './kinds';

/** A kubernetes-models class: its prototype's `validate()` throws a ValidationError carrying Ajv's errors. */
export interface ModelClass {
  readonly prototype: { validate(this: unknown): void };
}

export interface KindSchema {
  /** The kubernetes-models module of the kind; its export named like the kind is the class. */
  readonly load: () => unknown;
  /** The @kubernetes/client-node model name whose field list (fields.json) finds unknown fields; '' when it has none. */
  readonly fieldsType: string;
}

/** The kinds whose schema is checked, keyed `apiVersion/kind`: every built-in kind. Other kinds are reported as unknown (info). */
export const KIND_SCHEMAS: Readonly<Record<string, KindSchema>> = BUILT_IN_KINDS;

const loaded = new Map<string, ModelClass>();

/** The model class of an apiVersion/kind, loaded once; undefined for kinds outside the table. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const schema = own(KIND_SCHEMAS, key);
  if (!schema) return undefined;
  const model = (schema.load() as Record<string, ModelClass | undefined>)[kind];
  if (model) loaded.set(key, model);
  return model;
}
