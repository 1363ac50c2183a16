import { own } from '../../util/own';
import { list, rec, str, type Rec } from '../access';
import { replaceValue } from '../fixes';
import { keyProblem, validValue, valueProblem } from '../labels';
import type { LintObject } from '../object';
import type { Path } from '../parse';
import type { RuleContext, Rule } from '../rule';
import { KIND_SCHEMAS } from '../schema/models';

/** Kinds whose nested content is not validated as Kubernetes metadata (a schema, a stored object). */
const OPAQUE = new Set(['CustomResourceDefinition', 'ControllerRevision']);

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function checkKey(
  object: LintObject,
  context: RuleContext,
  path: Path,
  key: string,
  what: string,
  lower = false,
): void {
  const problem = keyProblem(key, lower);
  if (problem)
    context.report({
      range: object.keyRangeOf([...path, key]),
      message: `${what} key "${key}" is invalid: ${problem}.`,
    });
}

function checkValue(object: LintObject, context: RuleContext, path: Path, value: string, what: string): void {
  const problem = valueProblem(value);
  if (!problem) return;
  const fixed = validValue(value);
  const edit = fixed === undefined ? undefined : replaceValue(object, path, JSON.stringify(fixed));
  context.report({
    range: object.rangeOf(path),
    message: `${what} value "${value}" is invalid: ${problem}.`,
    fixes: edit ? [{ title: `Use "${fixed}"`, edits: [edit] }] : [],
  });
}

/** A map of labels (metadata.labels, matchLabels, a nodeSelector, a Service selector): keys and values. */
function checkLabelMap(object: LintObject, context: RuleContext, path: Path, map: Rec, what: string): void {
  for (const [key, raw] of Object.entries(map)) {
    checkKey(object, context, path, key, what);
    const value = scalar(raw);
    if (value !== undefined) checkValue(object, context, [...path, key], value, what);
  }
}

function checkMetadata(object: LintObject, context: RuleContext, path: Path, metadata: Rec): void {
  const labels = rec(metadata.labels);
  if (labels) checkLabelMap(object, context, [...path, 'labels'], labels, 'Label');
  for (const key of Object.keys(rec(metadata.annotations) ?? {}))
    checkKey(object, context, [...path, 'annotations'], key, 'Annotation', true);
}

/** Requirements whose values are not label values: node affinity terms (Gt/Lt numbers, free strings), quota scopes. */
const FREE_VALUES = new Set(['nodeSelectorTerms', 'preference', 'scopeSelector']);

/** matchExpressions: label keys, and label values except where values are free. */
function checkExpressions(object: LintObject, context: RuleContext, path: Path, items: unknown[]): void {
  const nodeTerm = path.some((p) => typeof p === 'string' && FREE_VALUES.has(p));
  items.forEach((item, i) => {
    const expression = rec(item);
    const key = str(expression?.key);
    if (key !== undefined) {
      const problem = keyProblem(key);
      if (problem)
        context.report({
          range: object.rangeOf([...path, i, 'key']),
          message: `Selector key "${key}" is invalid: ${problem}.`,
        });
    }
    if (nodeTerm) return;
    list(expression?.values).forEach((v, j) => {
      const value = scalar(v);
      if (value !== undefined) checkValue(object, context, [...path, i, 'values', j], value, 'Selector');
    });
  });
}

function visitEntry(object: LintObject, context: RuleContext, path: Path, key: string, value: unknown): boolean {
  const map = rec(value);
  if (key === 'metadata' && map) checkMetadata(object, context, [...path, key], map);
  else if (key === 'matchLabels' && map) checkLabelMap(object, context, [...path, key], map, 'Selector');
  else if (key === 'matchExpressions' && Array.isArray(value)) checkExpressions(object, context, [...path, key], value);
  // A pod's (or RuntimeClass's) nodeSelector is a label map; a NodeSelector object holds nodeSelectorTerms.
  else if (key === 'nodeSelector' && map && Object.values(map).every((v) => scalar(v) !== undefined))
    checkLabelMap(object, context, [...path, key], map, 'nodeSelector');
  else return false;
  return true;
}

/** Every metadata, label selector and nodeSelector below a node of a built-in object. */
function walk(object: LintObject, context: RuleContext, path: Path, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(object, context, [...path, i], item));
    return;
  }
  const map = rec(value);
  if (!map) return;
  for (const [key, child] of Object.entries(map)) {
    if (!visitEntry(object, context, path, key, child)) walk(object, context, [...path, key], child);
  }
}

export const labelSyntax: Rule = {
  id: 'label-syntax',
  defaultSeverity: 'error',
  title: 'A label key or value, annotation key or selector the API server rejects',
  docs: 'Label values are at most 63 characters, empty or starting and ending with a letter or digit, with only letters, digits, "-", "_" and "." inside ("1.2.0+build" is rejected: no "+"). Label and annotation keys are an optional DNS subdomain prefix and "/", then a name of at most 63 such characters. The API server validates them in metadata (also of pod templates), in selectors (matchLabels, matchExpressions values) and in nodeSelector.',
  crossObject: false,
  check(object, context) {
    const metadata = rec(object.value.metadata);
    if (metadata) checkMetadata(object, context, ['metadata'], metadata);
    // Custom resources: only their own metadata is Kubernetes metadata; their CRD decides the rest.
    if (!own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`) || OPAQUE.has(object.kind)) return;
    const selector = rec(rec(object.value.spec)?.selector);
    if ((object.kind === 'Service' || object.kind === 'ReplicationController') && selector)
      checkLabelMap(object, context, ['spec', 'selector'], selector, 'Selector');
    for (const [key, child] of Object.entries(object.value))
      if (key !== 'metadata') walk(object, context, [key], child);
  },
};
