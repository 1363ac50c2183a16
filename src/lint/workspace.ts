import { rec, str } from './access';
import { generatedSecrets } from './kustomize';
import { isClusterScoped, LintObject } from './object';
import { sharedChunkCache, splitDocuments, type DocChunk, type ParsedChunk } from './parse';
import { podTemplate, type PodTemplate } from './pods';
import type { ObjectLookup } from './rule';
import { readSuppressions, type Suppressions } from './suppress';

/** One document of a file: its parse, its object (when it is one) and its suppressions. */
export interface DocEntry {
  readonly chunk: DocChunk;
  readonly parsed: ParsedChunk;
  readonly object: LintObject | undefined;
  readonly template: PodTemplate | undefined;
  readonly suppressions: Suppressions;
  /** Objects a Kustomization's generators make (its secretGenerator's Secrets): indexed, not linted. */
  readonly generated: readonly LintObject[];
}

export interface FileState {
  readonly uri: string;
  readonly text: string;
  readonly docs: readonly DocEntry[];
}

/** True for a parsed value that is a Kubernetes object: a mapping with apiVersion and kind strings. */
export function isKubeObject(value: unknown): value is Record<string, unknown> {
  const object = rec(value);
  return object !== undefined && str(object.apiVersion) !== undefined && str(object.kind) !== undefined;
}

function namespacesMatch(kind: string, a: string | undefined, b: string | undefined): boolean {
  return isClusterScoped(kind) || a === undefined || b === undefined || a === b;
}

/** The workspace's files and an index of their objects by kind and name. */
export class Workspace implements ObjectLookup {
  private readonly files = new Map<string, FileState>();
  private readonly byKindName = new Map<string, Set<DocEntry>>();
  private readonly byKind = new Map<string, Set<DocEntry>>();
  private readonly templates = new Set<DocEntry>();
  private readonly cache = sharedChunkCache;

  file(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Replaces a file's documents; unchanged documents keep their entries. Returns the replaced and the added entries. */
  setFile(uri: string, text: string): { removed: DocEntry[]; added: DocEntry[] } {
    const old = this.files.get(uri);
    const reusable = new Map((old?.docs ?? []).map((d) => [`${d.chunk.startLine}\u0000${d.chunk.text}`, d]));
    const docs = splitDocuments(text).map((chunk) => reusable.get(`${chunk.startLine}\u0000${chunk.text}`) ?? this.entry(uri, chunk));
    const kept = new Set(docs);
    const removed = (old?.docs ?? []).filter((d) => !kept.has(d));
    const added = docs.filter((d) => !old?.docs.includes(d));
    removed.forEach((d) => this.unindex(d));
    added.forEach((d) => this.index(d));
    this.files.set(uri, { uri, text, docs });
    return { removed, added };
  }

  deleteFile(uri: string): DocEntry[] {
    const old = this.files.get(uri);
    this.files.delete(uri);
    old?.docs.forEach((d) => this.unindex(d));
    return [...(old?.docs ?? [])];
  }

  private entry(uri: string, chunk: DocChunk): DocEntry {
    const parsed = this.cache.get(chunk.text);
    const object = isKubeObject(parsed.value) ? new LintObject(uri, chunk, parsed, parsed.value) : undefined;
    const template = object && podTemplate(object);
    const generated = object ? generatedSecrets(uri, chunk, parsed, object.value) : [];
    return { chunk, parsed, object, template, suppressions: readSuppressions(chunk, object), generated };
  }

  private index(entry: DocEntry): void {
    const object = entry.object;
    if (!object) return;
    add(this.byKindName, `${object.kind}/${object.name}`, entry);
    add(this.byKind, object.kind, entry);
    if (entry.template) this.templates.add(entry);
    for (const generated of entry.generated) this.index(generatedEntry(entry, generated));
  }

  private unindex(entry: DocEntry): void {
    const object = entry.object;
    if (!object) return;
    this.byKindName.get(`${object.kind}/${object.name}`)?.delete(entry);
    this.byKind.get(object.kind)?.delete(entry);
    this.templates.delete(entry);
    for (const generated of entry.generated) this.unindex(generatedEntry(entry, generated));
  }

  /** With duplicates, the same namespace wins, then file order: the answer never depends on edit history. */
  find(kind: string, namespace: string | undefined, name: string): LintObject | undefined {
    let best: LintObject | undefined;
    for (const { object } of this.byKindName.get(`${kind}/${name}`) ?? []) {
      if (!object || !namespacesMatch(kind, object.namespace, namespace)) continue;
      if (!best || isBetterMatch(object, best, namespace)) best = object;
    }
    return best;
  }

  ofKind(kind: string): readonly LintObject[] {
    return [...(this.byKind.get(kind) ?? [])].flatMap((d) => d.object ?? []).sort(compareObjects);
  }

  podTemplates(namespace: string | undefined): readonly PodTemplate[] {
    const found: PodTemplate[] = [];
    for (const { template } of this.templates) {
      if (template && namespacesMatch('Pod', template.object.namespace, namespace)) found.push(template);
    }
    return found.sort((a, b) => compareObjects(a.object, b.object));
  }
}

// One entry per generated object, made once, so the index can remove exactly what it added.
const generatedEntries = new WeakMap<LintObject, DocEntry>();
function generatedEntry(source: DocEntry, object: LintObject): DocEntry {
  let entry = generatedEntries.get(object);
  if (!entry) generatedEntries.set(object, (entry = { ...source, object, template: undefined, generated: [] }));
  return entry;
}

function compareObjects(a: LintObject, b: LintObject): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.chunk.startLine - b.chunk.startLine;
}

function isBetterMatch(a: LintObject, b: LintObject, namespace: string | undefined): boolean {
  const exactA = a.namespace === namespace;
  const exactB = b.namespace === namespace;
  return exactA !== exactB ? exactA : compareObjects(a, b) < 0;
}

function add<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
