// Label and field selectors, parsed from the query-string syntax kubectl and client-go send.
// Labels: =, ==, !=, in (...), notin (...), key (exists), !key (does not exist).
// Fields: only the fields the real server indexes for the kinds we serve (metadata.name,
// metadata.namespace, spec.nodeName, status.phase, plus involvedObject.* / type / reason for events).
import { errors } from './status';
import { type KObject, meta } from './store';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type Matcher = (obj: KObject) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(s: string | null): Requirement[] {
  if (!s) return [];
  return splitTerms(s).map((term): Requirement => {
    let m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m) return { op: m[2] as 'in' | 'notin', key: m[1]!, values: m[3]!.split(',').map((v) => v.trim()) };
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
    if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1]!, value: m[3]! };
    m = /^(!?)([\w./-]+)$/.exec(term);
    if (m) return { op: m[1] ? 'notexists' : 'exists', key: m[2]! };
    throw errors.badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

export function matchLabels(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && v === r.value;
      case 'neq':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}

/** Reads a dotted field path from an object (for field selectors). */
function fieldValue(obj: KObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' || typeof cur === 'number' || typeof cur === 'boolean' ? String(cur) : undefined;
}

const SUPPORTED_FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'spec.nodeName',
  'status.phase',
  'spec.restartPolicy',
  'spec.schedulerName',
  'involvedObject.kind',
  'involvedObject.name',
  'involvedObject.namespace',
  'involvedObject.uid',
  'reason',
  'type',
]);

export function parseFieldSelector(s: string | null): Matcher {
  if (!s) return () => true;
  const terms = splitTerms(s).map((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw errors.badRequest(`invalid selector: '${s}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (!SUPPORTED_FIELDS.has(field)) throw errors.badRequest(`field label not supported: ${field}`);
    return { field, neq: op === '!=', value };
  });
  return (obj) =>
    terms.every((t) => {
      // spec.nodeName etc. on kinds without them compare as empty, like the real field indexers.
      const v = fieldValue(obj, t.field) ?? (t.field === 'metadata.namespace' ? (meta(obj).namespace ?? '') : '');
      return t.neq ? v !== t.value : v === t.value;
    });
}

export function selectorMatcher(labelSelector: string | null, fieldSelector: string | null): Matcher {
  const reqs = parseLabelSelector(labelSelector);
  const fields = parseFieldSelector(fieldSelector);
  return (obj) => matchLabels(reqs, meta(obj).labels) && fields(obj);
}

/** matchLabels/matchExpressions of a LabelSelector object (used by controllers, not by the HTTP API). */
export function matchesLabelSelectorObject(sel: unknown, labels: Record<string, string> | undefined): boolean {
  if (typeof sel !== 'object' || sel === null) return false;
  const s = sel as {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
  };
  const reqs: Requirement[] = Object.entries(s.matchLabels ?? {}).map(([key, value]) => ({ op: 'eq', key, value }));
  for (const e of s.matchExpressions ?? []) {
    const op =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : 'notexists';
    reqs.push(op === 'exists' || op === 'notexists' ? { op, key: e.key } : { op, key: e.key, values: e.values ?? [] });
  }
  if (reqs.length === 0) return false; // an empty selector selects nothing for workloads
  return matchLabels(reqs, labels);
}
