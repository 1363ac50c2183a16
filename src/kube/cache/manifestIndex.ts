import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type YAMLMap } from 'yaml';
import { WORKLOAD_KINDS, type WorkloadKind } from './ownership';

/** 0-based line/character range, the shape both VS Code and LSP use. */
export interface TextRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface ManifestContainer {
  readonly name: string;
  readonly nameRange: TextRange;
  readonly imageRange?: TextRange;
  readonly readinessProbeRange?: TextRange;
  readonly livenessProbeRange?: TextRange;
}

/** A workload defined in a workspace file, with where its parts are written. */
export interface ManifestWorkload {
  readonly file: string;
  readonly kind: WorkloadKind;
  readonly name: string;
  /** undefined when the manifest names none (it goes to the namespace it is applied to). */
  readonly namespace?: string;
  readonly nameRange: TextRange;
  readonly containers: readonly ManifestContainer[];
}

type Ranged = Node & { range?: [number, number, number] | null };

function rangeOf(node: unknown, lines: LineCounter): TextRange | undefined {
  const range = (node as Ranged | null)?.range;
  if (!range) return undefined;
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { line: Math.max(0, pos.line - 1), character: Math.max(0, pos.col - 1) };
  };
  return { start: at(range[0]), end: at(range[1]) };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** A probe's range is its key (`readinessProbe:`) through the end of its block: the squiggle covers the whole probe. */
function keyThroughValue(pair: Pair | undefined, lines: LineCounter): TextRange | undefined {
  const key = rangeOf(pair?.key, lines);
  const value = rangeOf(pair?.value, lines);
  return key && value ? { start: key.start, end: value.end } : key;
}

function containerOf(item: unknown, lines: LineCounter): ManifestContainer | undefined {
  if (!isMap(item)) return undefined;
  const name = pairOf(item, 'name');
  const nameRange = rangeOf(name?.value, lines);
  if (!name || !isScalar(name.value) || !nameRange) return undefined;
  const optional = (key: string, range: TextRange | undefined) => (range ? { [key]: range } : {});
  return {
    name: String(name.value.value),
    nameRange,
    ...optional('imageRange', rangeOf(pairOf(item, 'image')?.value, lines)),
    ...optional('readinessProbeRange', keyThroughValue(pairOf(item, 'readinessProbe'), lines)),
    ...optional('livenessProbeRange', keyThroughValue(pairOf(item, 'livenessProbe'), lines)),
  };
}

/** The workloads (Deployment, StatefulSet, DaemonSet) in one YAML file, with line positions. */
export function indexManifest(file: string, text: string): ManifestWorkload[] {
  const lines = new LineCounter();
  const found: ManifestWorkload[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    if (!('contents' in doc) || !isMap(doc.contents)) continue;
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name'], true);
    const nameRange = rangeOf(name, lines);
    if (
      typeof kind !== 'string' ||
      !(WORKLOAD_KINDS as readonly string[]).includes(kind) ||
      !isScalar(name) ||
      !nameRange
    )
      continue;
    const namespace = doc.getIn(['metadata', 'namespace']);
    const containers = doc.getIn(['spec', 'template', 'spec', 'containers'], true);
    found.push({
      file,
      kind: kind as WorkloadKind,
      name: String(name.value),
      ...(typeof namespace === 'string' ? { namespace } : {}),
      nameRange,
      containers: isSeq(containers)
        ? containers.items.map((c) => containerOf(c, lines)).filter((c) => c !== undefined)
        : [],
    });
  }
  return found;
}

/** Where an object of any kind is defined in a file: the range of its `metadata.name` value. */
export function locateObject(text: string, kind: string, name: string, namespace?: string): TextRange | undefined {
  const lines = new LineCounter();
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    if (!('contents' in doc) || !isMap(doc.contents)) continue;
    const docNamespace = doc.getIn(['metadata', 'namespace']);
    if (doc.get('kind') !== kind || doc.getIn(['metadata', 'name']) !== name) continue;
    if (namespace !== undefined && typeof docNamespace === 'string' && docNamespace !== namespace) continue;
    return rangeOf(doc.getIn(['metadata', 'name'], true), lines);
  }
  return undefined;
}
