import type AjvClass from 'ajv';
import { dig, list, rec, str, type Rec } from './access';
import type { LintObject } from './object';
import type { Path } from './parse';
import type { ObjectLookup } from './rule';
import { closest } from '../util/closest';
import { summarize, toPath, type AjvError, type SchemaProblem } from './schema/validate';

/** The group of an apiVersion (`cache.example.io/v1alpha1`); undefined for the core group (`v1`). */
function groupVersion(apiVersion: string): [group: string, version: string] | undefined {
  const slash = apiVersion.indexOf('/');
  return slash > 0 ? [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)] : undefined;
}

/** A Crossplane CompositeResourceDefinition (XRD): Crossplane makes a CRD of it for its composite and its claim. */
function isXrd(object: LintObject): boolean {
  return object.apiVersion.startsWith('apiextensions.crossplane.io/');
}

/**
 * The definitions of a lookup that define an object's group and kind: CustomResourceDefinitions, and Crossplane
 * XRDs, whose `names` define the composite resource and `claimNames` its claim.
 */
export function crdsFor(lookup: ObjectLookup, apiVersion: string, kind: string): LintObject[] {
  const group = groupVersion(apiVersion)?.[0];
  if (group === undefined) return [];
  const defines = (d: LintObject, ...names: string[]): boolean =>
    str(dig(d.value, 'spec', 'group')) === group && names.some((n) => str(dig(d.value, 'spec', n, 'kind')) === kind);
  return [
    ...lookup.ofKind('CustomResourceDefinition').filter((crd) => defines(crd, 'names')),
    ...lookup.ofKind('CompositeResourceDefinition').filter((xrd) => isXrd(xrd) && defines(xrd, 'names', 'claimNames')),
  ];
}

/** What a CRD (or XRD) says about one version: whether it is served, and its schema (undefined when it has none). */
export function versionOf(
  crd: LintObject,
  version: string,
): { served: boolean; schema: Rec | undefined; path: Path } | undefined {
  const versions = list(dig(crd.value, 'spec', 'versions'));
  const index = versions.findIndex((v) => str(rec(v)?.name) === version);
  const topSchema = rec(dig(crd.value, 'spec', 'validation', 'openAPIV3Schema'));
  if (index < 0) {
    // apiextensions.k8s.io/v1beta1 may name one version in spec.version.
    if (versions.length > 0 || str(dig(crd.value, 'spec', 'version')) !== version) return undefined;
    return { served: true, schema: topSchema, path: ['spec', 'validation'] };
  }
  const entry = rec(versions[index]);
  const schema = rec(dig(entry, 'schema', 'openAPIV3Schema')) ?? topSchema;
  return {
    served: entry?.served !== false,
    schema: schema && isXrd(crd) ? generatedSchema(schema) : schema,
    path: ['spec', 'versions', index, 'name'],
  };
}

/**
 * The spec fields Crossplane adds to the CRDs it generates from an XRD (xcrd's CompositeResourceSpecProps and
 * CompositeResourceClaimSpecProps, over its versions; `crossplane` holds them since v2). Accepted as they are:
 * their shapes vary between Crossplane versions, and Crossplane itself validates them.
 */
const CROSSPLANE_SPEC = [
  ...['compositionRef', 'compositionSelector', 'compositionRevisionRef', 'compositionRevisionSelector'],
  ...['compositionUpdatePolicy', 'compositeDeletePolicy', 'claimRef', 'resourceRef', 'resourceRefs'],
  ...['environmentConfigRefs', 'publishConnectionDetailsTo', 'writeConnectionSecretToRef', 'crossplane'],
];
const generated = new WeakMap<Rec, Rec>();

/** An XRD version's schema as in the CRD Crossplane generates from it: spec required, Crossplane's fields added. */
function generatedSchema(schema: Rec): Rec {
  let out = generated.get(schema);
  if (out) return out;
  const properties = rec(schema.properties) ?? {};
  const spec = rec(properties.spec) ?? { type: 'object' };
  const own = rec(spec.properties);
  // Without properties of its own the spec stays open, rather than allowing only Crossplane's fields.
  const injected = Object.fromEntries(CROSSPLANE_SPEC.map((field) => [field, {}]));
  out = {
    ...schema,
    type: 'object',
    required: ['spec'],
    properties: {
      ...properties,
      spec: own ? { ...spec, properties: { ...own, ...injected } } : spec,
      // Crossplane adds conditions and connection details; status is not for manifests to set anyway.
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  generated.set(schema, out);
  return out;
}

export function servedVersions(crd: LintObject): string[] {
  return list(dig(crd.value, 'spec', 'versions')).flatMap((v) =>
    rec(v)?.served === false ? [] : [str(rec(v)?.name) ?? ''].filter(Boolean),
  );
}

/** Keywords of a structural schema that are Kubernetes extensions or documentation: not JSON Schema. */
const DROPPED = new Set(['nullable', 'example', 'externalDocs', 'description', 'format']);
const OBJECT_BASICS = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };

/**
 * A CRD's openAPIV3Schema as JSON Schema, as the API server applies it: unknown fields are rejected unless
 * x-kubernetes-preserve-unknown-fields, int-or-string takes either, embedded objects carry apiVersion/kind/metadata.
 */
function toJsonSchema(schema: Rec, root: boolean): Rec {
  const out: Rec = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || DROPPED.has(key)) continue;
    if (key === 'properties' && rec(value))
      out.properties = Object.fromEntries(
        Object.entries(rec(value) ?? {}).map(([k, v]) => [k, toJsonSchema(rec(v) ?? {}, false)]),
      );
    else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && rec(value))
      out[key] = toJsonSchema(rec(value) ?? {}, false);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf')
      out[key] = list(value).map((v) => toJsonSchema(rec(v) ?? {}, false));
    else out[key] = value;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    delete out.anyOf;
  }
  if (root || schema['x-kubernetes-embedded-resource'] === true)
    out.properties = { ...rec(out.properties), ...OBJECT_BASICS };
  const properties = rec(out.properties);
  if (properties && out.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true)
    out.additionalProperties = false;
  return out;
}

interface Validator {
  (value: unknown): boolean;
  errors?: (AjvError & { parentSchema?: Rec })[] | null;
}

/** The fields a value has, arrays' items merged: what part of a schema can apply to it. */
interface Shape {
  keys?: Map<string, Shape>;
  items?: Shape;
}

function shapeOf(value: unknown, into: Shape = {}): Shape {
  if (Array.isArray(value)) {
    into.items ??= {};
    for (const item of value) shapeOf(item, into.items);
  } else {
    const map = rec(value);
    if (!map) return into;
    into.keys ??= new Map();
    for (const [key, child] of Object.entries(map)) {
      let shape = into.keys.get(key);
      if (!shape) into.keys.set(key, (shape = {}));
      shapeOf(child, shape);
    }
  }
  return into;
}

/**
 * The schema with the subschemas of absent fields replaced by `{}`: JSON Schema's `properties` constrain only the
 * fields present, so the verdict is the same, and a schema of thousands of fields (Prometheus' CRD) compiles in
 * milliseconds instead of seconds. Kept for absent fields: their default (a required field with one is filled in).
 * `not` is kept whole, as loosening it would tighten the schema.
 */
function prune(schema: Rec, shape: Shape): Rec {
  const out: Rec = { ...schema };
  const properties = rec(schema.properties);
  if (properties) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([key, sub]) => {
        const present = shape.keys?.get(key);
        const child = rec(sub) ?? {};
        if (present) return [key, prune(child, present)];
        return [key, child.default === undefined ? {} : { default: child.default }];
      }),
    );
  }
  const items = rec(schema.items);
  if (items) out.items = shape.items ? prune(items, shape.items) : {};
  const additional = rec(schema.additionalProperties);
  if (additional) {
    const extra: Shape = {};
    for (const [key, child] of shape.keys ?? [])
      if (!properties || !Object.hasOwn(properties, key)) mergeShape(extra, child);
    out.additionalProperties = prune(additional, extra);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(schema[key])) out[key] = list(schema[key]).map((s) => prune(rec(s) ?? {}, shape));
  return out;
}

function mergeShape(into: Shape, from: Shape): void {
  if (from.items) mergeShape((into.items ??= {}), from.items);
  for (const [key, child] of from.keys ?? []) {
    into.keys ??= new Map();
    let shape = into.keys.get(key);
    if (!shape) into.keys.set(key, (shape = {}));
    mergeShape(shape, child);
  }
}

/** Per CRD schema object (an unchanged CRD document keeps its parsed value): its JSON Schema, and a validator per pruned form. */
const compiled = new WeakMap<Rec, { readonly json: Rec; readonly byShape: Map<string, Validator | null> }>();
const VALIDATORS_PER_SCHEMA = 256;

function validatorFor(schema: Rec, value: unknown): Validator | null {
  let entry = compiled.get(schema);
  if (!entry) compiled.set(schema, (entry = { json: toJsonSchema(schema, true), byShape: new Map() }));
  const pruned = prune(entry.json, shapeOf(value));
  const key = JSON.stringify(pruned);
  let validate = entry.byShape.get(key);
  if (validate === undefined) {
    try {
      // Loaded on first use: only workspaces with custom resources and their CRDs pay for the compiler.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Ajv = require('ajv') as typeof AjvClass;
      const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
      validate = ajv.compile(pruned) as Validator;
    } catch {
      validate = null; // a schema Ajv cannot compile: the API server would have refused the CRD
    }
    if (entry.byShape.size >= VALIDATORS_PER_SCHEMA) entry.byShape.clear();
    entry.byShape.set(key, validate);
  }
  return validate;
}

/** The API server prunes null values of fields that are not nullable before it validates. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  const map = rec(value);
  if (!map) return value;
  return Object.fromEntries(Object.entries(map).flatMap(([k, v]) => (v === null ? [] : [[k, withoutNulls(v)]])));
}

/** An object's problems against a CRD version's schema, as schema findings: unknown, missing and wrong fields. */
export function crdProblems(value: Rec, schema: Rec): SchemaProblem[] {
  const checked = withoutNulls(value);
  const validate = validatorFor(schema, checked);
  if (!validate || validate(checked)) return [];
  const problems: SchemaProblem[] = [];
  const rest: AjvError[] = [];
  for (const error of validate.errors ?? []) {
    const properties = rec(error.parentSchema?.properties) ?? {};
    if (error.keyword === 'additionalProperties') {
      const field = String(error.params.additionalProperty);
      const hint = closest(field, Object.keys(properties));
      const path = [...toPath(checked, error.instancePath), field];
      problems.push({
        path,
        missing: field,
        message: `Unknown field "${field}".${hint ? ` Did you mean "${hint}"?` : ''}`,
      });
    } else if (
      error.keyword === 'required' &&
      rec(properties[String(error.params.missingProperty)])?.default !== undefined
    ) {
      continue; // the API server fills in the default first
    } else rest.push(error);
  }
  return [...problems, ...summarize(checked, rest)];
}
