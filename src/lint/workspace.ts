import { list, rec, str } from './access';
import { generatedSecrets, isKustomization, readKustomization, type KustomizationInfo } from './kustomize';
import { isClusterScoped, LintObject } from './object';
import { sharedChunkCache, splitDocuments, type DocChunk, type ParsedChunk } from './parse';
import { dirOf } from './paths';
import { selectableTemplate, type PodTemplate } from './pods';
import type { ObjectLookup } from './rule';
import { readSuppressions, type Suppressions } from './suppress';

/** One Kubernetes object of a document (the document itself, or an item of a `kind: List`). */
export interface ObjectEntry {
  readonly object: LintObject;
  readonly template: PodTemplate | undefined;
  readonly suppressions: Suppressions;
}

/** One document of a file: its parse, its objects and its suppressions. */
export interface DocEntry {
  readonly chunk: DocChunk;
  readonly parsed: ParsedChunk;
  readonly objects: readonly ObjectEntry[];
  /** The document's comment suppressions (syntax findings read these). */
  readonly suppressions: Suppressions;
  readonly kustomization: KustomizationInfo | undefined;
  /** Objects a kustomization's generators make (its secretGenerator's Secrets): indexed, not linted. */
  readonly generated: readonly ObjectEntry[];
}

export interface FileState {
  readonly uri: string;
  readonly text: string;
  readonly docs: readonly DocEntry[];
  /** Template source (Helm, Go templates) rather than YAML: not checked. */
  readonly templated: boolean;
}

/** True for a parsed value that is a Kubernetes object: a mapping with apiVersion and kind strings. */
export function isKubeObject(value: unknown): value is Record<string, unknown> {
  const object = rec(value);
  return object !== undefined && str(object.apiVersion) !== undefined && str(object.kind) !== undefined;
}

function namespacesMatch(kind: string, a: string | undefined, b: string | undefined): boolean {
  return isClusterScoped(kind) || a === undefined || b === undefined || a === b;
}

const views = new WeakMap<LintObject, Map<string, LintObject>>();
const templateViews = new WeakMap<PodTemplate, Map<string, PodTemplate>>();

/**
 * An object as a kustomization with `namespace:` emits it: the same object (its file, lines and value), in that
 * namespace. One view per object and namespace, so lookups that meet it twice see the same object.
 */
export function inNamespace(object: LintObject, namespace: string | undefined): LintObject {
  if (namespace === undefined || object.namespace === namespace || isClusterScoped(object.kind)) return object;
  let byNamespace = views.get(object);
  if (!byNamespace) views.set(object, (byNamespace = new Map<string, LintObject>()));
  let view = byNamespace.get(namespace);
  if (!view) {
    view = Object.create(object, { namespace: { value: namespace, enumerable: true } }) as LintObject;
    byNamespace.set(namespace, view);
  }
  return view;
}

function templateIn(template: PodTemplate, namespace: string | undefined): PodTemplate {
  const object = inNamespace(template.object, namespace);
  if (object === template.object || namespace === undefined) return template;
  let byNamespace = templateViews.get(template);
  if (!byNamespace) templateViews.set(template, (byNamespace = new Map<string, PodTemplate>()));
  let view = byNamespace.get(namespace);
  if (!view) byNamespace.set(namespace, (view = { ...template, object }));
  return view;
}

/** The namespace an object has within an application (undefined: its own). */
type NamespaceOf = (object: LintObject) => string | undefined;

interface ScopeTable {
  readonly of: Map<string, string[]>;
  readonly patches: Set<string>;
  /** Per file, the namespace each application's kustomizations give its objects (outermost `namespace:` wins). */
  readonly namespaces: Map<string, Map<string, string>>;
}

const TEMPLATE_LINE = /\{\{.*\}\}/;

/** Template source: `{{ }}` that breaks the YAML, or on most of its lines. Block scalars holding templates still parse. */
function isTemplated(text: string, docs: readonly DocEntry[]): boolean {
  if (!text.includes('{{')) return false;
  if (docs.some((d) => d.parsed.problems.length > 0)) return true;
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return lines.filter((l) => TEMPLATE_LINE.test(l)).length * 2 >= lines.length;
}

/** The objects of a document: the object itself, or the items of a `kind: List`. */
function objectsOf(uri: string, chunk: DocChunk, parsed: ParsedChunk, withFixes: boolean): ObjectEntry[] {
  const value = parsed.value;
  if (!isKubeObject(value)) return [];
  const make = (v: Record<string, unknown>, base: (string | number)[]): ObjectEntry => {
    const object = new LintObject(uri, chunk, parsed, v, base, withFixes);
    return { object, template: selectableTemplate(object), suppressions: readSuppressions(chunk, object) };
  };
  if (/List$/.test(str(value.kind) ?? '') && Array.isArray(value.items)) {
    return list(value.items).flatMap((item, i) => (isKubeObject(item) ? [make(item, ['items', i])] : []));
  }
  return [make(value, [])];
}

/** The workspace's files, an index of their objects by kind and name, and the applications they belong to. */
export class Workspace {
  private readonly files = new Map<string, FileState>();
  private readonly byKindName = new Map<string, Set<ObjectEntry>>();
  private readonly byKind = new Map<string, Set<ObjectEntry>>();
  private readonly templates = new Set<ObjectEntry>();
  private readonly kustomizations = new Map<string, KustomizationInfo>();
  private readonly cache = sharedChunkCache;
  private scopes: ScopeTable | undefined;
  private templatesByScope: Map<string, ObjectEntry[]> | undefined;

  /** `withFixes: false`: the objects' findings carry no quick fixes (see LintEngineOptions.fixes). */
  constructor(private readonly withFixes = true) {}

  file(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Replaces a file's documents; unchanged documents keep their entries. Also says when applications changed shape. */
  setFile(uri: string, text: string): { removed: DocEntry[]; added: DocEntry[]; scopesChanged: boolean } {
    const old = this.files.get(uri);
    // By text, then line: a key joining the two would copy every document of the file on each keystroke.
    const reusable = new Map<string, DocEntry[]>();
    for (const d of old?.docs ?? []) reusable.set(d.chunk.text, [...(reusable.get(d.chunk.text) ?? []), d]);
    const edited = old !== undefined;
    let docs = splitDocuments(text).map(
      (chunk) =>
        reusable.get(chunk.text)?.find((d) => d.chunk.startLine === chunk.startLine) ?? this.entry(uri, chunk, edited),
    );
    const templated = isTemplated(text, docs);
    if (templated) docs = [];
    const kept = new Set(docs);
    const removed = (old?.docs ?? []).filter((d) => !kept.has(d));
    const added = docs.filter((d) => !old?.docs.includes(d));
    removed.forEach((d) => this.unindex(d));
    added.forEach((d) => this.index(d));
    this.files.set(uri, { uri, text, docs, templated });
    return { removed, added, scopesChanged: [...removed, ...added].some((d) => d.kustomization) };
  }

  deleteFile(uri: string): { removed: DocEntry[]; scopesChanged: boolean } {
    const old = this.files.get(uri);
    this.files.delete(uri);
    old?.docs.forEach((d) => this.unindex(d));
    return { removed: [...(old?.docs ?? [])], scopesChanged: old?.docs.some((d) => d.kustomization) ?? false };
  }

  /** `edited`: the file was open already, so this document is what the user just changed (see parseChunk). */
  private entry(uri: string, chunk: DocChunk, edited: boolean): DocEntry {
    const parsed = this.cache.get(chunk.text, { edited });
    const kustomization = isKustomization(uri, parsed.value) ? readKustomization(uri, parsed.value) : undefined;
    const objects = kustomization ? [] : objectsOf(uri, chunk, parsed, this.withFixes);
    const suppressions = readSuppressions(chunk, undefined);
    const generated = kustomization
      ? generatedSecrets(uri, chunk, parsed, parsed.value).map((object) => ({
          object,
          template: undefined,
          suppressions,
        }))
      : [];
    return { chunk, parsed, objects, suppressions, kustomization, generated };
  }

  private index(doc: DocEntry): void {
    if (doc.kustomization) {
      this.kustomizations.set(doc.kustomization.uri, doc.kustomization);
      this.scopes = this.templatesByScope = undefined;
    }
    for (const entry of [...doc.objects, ...doc.generated]) {
      add(this.byKindName, `${entry.object.kind}/${entry.object.name}`, entry);
      add(this.byKind, entry.object.kind, entry);
      if (entry.template) {
        this.templates.add(entry);
        this.templatesByScope = undefined;
      }
    }
  }

  private unindex(doc: DocEntry): void {
    if (doc.kustomization && this.kustomizations.get(doc.kustomization.uri) === doc.kustomization) {
      this.kustomizations.delete(doc.kustomization.uri);
      this.scopes = this.templatesByScope = undefined;
    }
    for (const entry of [...doc.objects, ...doc.generated]) {
      this.byKindName.get(`${entry.object.kind}/${entry.object.name}`)?.delete(entry);
      this.byKind.get(entry.object.kind)?.delete(entry);
      if (this.templates.delete(entry)) this.templatesByScope = undefined;
    }
  }

  /**
   * The application a file belongs to: the folder of the top kustomization that lists it (directly or through
   * the kustomizations it lists), else the file's own folder. Cross-object rules look only within it. A base or
   * component that several overlays list belongs to each of them: its key names them all (one per line), and it
   * sees what any of them adds, while each overlay still sees only itself and what it lists.
   */
  scopeOf(uri: string): string {
    return this.rootsOf(uri).join('\n');
  }

  /** The application folders a file belongs to (see scopeOf). */
  private rootsOf(uri: string): readonly string[] {
    return this.scopeTable().of.get(uri) ?? [dirOf(uri)];
  }

  /** True for a file a kustomization names as a patch: a partial object. */
  isPatch(uri: string): boolean {
    return this.scopeTable().patches.has(uri);
  }

  /**
   * The applications a file's objects are checked in, grouped by the namespace those applications' kustomizations
   * put them in (`namespace` undefined: their own). A base shared by overlays of different namespaces is checked
   * once per namespace.
   */
  namespaceGroups(uri: string): { scope: string; namespace: string | undefined }[] {
    const roots = this.rootsOf(uri);
    const byRoot = this.scopeTable().namespaces.get(uri);
    if (!byRoot) return [{ scope: roots.join('\n'), namespace: undefined }];
    const groups = new Map<string | undefined, string[]>();
    for (const root of roots) {
      const namespace = byRoot.get(root);
      groups.set(namespace, [...(groups.get(namespace) ?? []), root]);
    }
    return [...groups].map(([namespace, members]) => ({ scope: members.join('\n'), namespace }));
  }

  /** True when some kustomization sets `namespace:`: objects may then sit in another namespace than they say. */
  hasNamespaces(): boolean {
    return this.scopeTable().namespaces.size > 0;
  }

  /** An object's namespace within an application: the first of its applications among `members` decides. */
  private namespaceIn(object: LintObject, members: ReadonlySet<string>): string | undefined {
    const byRoot = this.scopeTable().namespaces.get(object.uri);
    const root = byRoot && this.rootsOf(object.uri).find((r) => members.has(r));
    return (root !== undefined && byRoot?.get(root)) || object.namespace;
  }

  private scopeTable(): ScopeTable {
    if (this.scopes) return this.scopes;
    const byDir = new Map([...this.kustomizations.values()].map((k) => [k.dir, k]));
    const listed = new Set([...this.kustomizations.values()].flatMap((k) => k.resources.filter((r) => byDir.has(r))));
    const roots = [...this.kustomizations.values()]
      .filter((k) => !listed.has(k.dir))
      .sort((a, b) => (a.uri < b.uri ? -1 : 1));
    const of = new Map<string, string[]>();
    const patches = new Set<string>();
    const namespaces = new Map<string, Map<string, string>>();
    const belongs = (uri: string, root: string, namespace: string | undefined): void => {
      const found = of.get(uri);
      if (!found) of.set(uri, [root]);
      else if (!found.includes(root)) found.push(root);
      if (namespace === undefined) return;
      let byRoot = namespaces.get(uri);
      if (!byRoot) namespaces.set(uri, (byRoot = new Map<string, string>()));
      if (!byRoot.has(root)) byRoot.set(root, namespace);
    };
    for (const root of roots) {
      const seen = new Set<string>();
      // Each kustomization sets its namespace on what it emits, the outer ones last: the outermost one wins.
      const visit = (k: KustomizationInfo, namespace: string | undefined): void => {
        if (seen.has(k.uri)) return;
        seen.add(k.uri);
        // A nested kustomization belongs to the root's application: the Secrets it generates are found there.
        belongs(k.uri, root.dir, namespace);
        k.patches.forEach((p) => patches.add(p));
        for (const resource of k.resources) {
          const nested = byDir.get(resource);
          if (nested) visit(nested, namespace ?? nested.namespace);
          else belongs(resource, root.dir, namespace);
        }
      };
      visit(root, root.namespace);
    }
    return (this.scopes = { of, patches, namespaces });
  }

  /** The objects of one application, as rules see them. */
  scoped(scope: string): ObjectLookup {
    const members = new Set(scope.split('\n'));
    const inScope = (o: LintObject): boolean => this.rootsOf(o.uri).some((r) => members.has(r)) && !this.isPatch(o.uri);
    // Objects meet in the namespace their application's kustomization puts them in, not the one they name.
    const namespaceOf = this.hasNamespaces() ? (o: LintObject) => this.namespaceIn(o, members) : undefined;
    return {
      find: (kind, namespace, name) => this.findWhere(kind, namespace, name, inScope, namespaceOf),
      ofKind: (kind) => this.ofKindWhere(kind, inScope, namespaceOf),
      podTemplates: (namespace) => this.templatesIn(members, namespace, namespaceOf),
    };
  }

  /** Every object of the workspace, whatever its application: for "it exists elsewhere" hints. */
  readonly anywhere: ObjectLookup = {
    find: (kind, namespace, name) => this.findWhere(kind, namespace, name, (o) => !this.isPatch(o.uri)),
    ofKind: (kind) => this.ofKindWhere(kind, (o) => !this.isPatch(o.uri)),
    podTemplates: (namespace) => this.templatesWhere(namespace, (o) => !this.isPatch(o.uri)),
  };

  /** With duplicates, the same namespace wins, then file order: the answer never depends on edit history. */
  private findWhere(
    kind: string,
    namespace: string | undefined,
    name: string,
    accept: (o: LintObject) => boolean,
    namespaceOf?: NamespaceOf,
  ): LintObject | undefined {
    let best: LintObject | undefined;
    for (const entry of this.byKindName.get(`${kind}/${name}`) ?? []) {
      const object = namespaceOf ? inNamespace(entry.object, namespaceOf(entry.object)) : entry.object;
      if (!namespacesMatch(kind, object.namespace, namespace) || !accept(object)) continue;
      if (!best || isBetterMatch(object, best, namespace)) best = object;
    }
    return best;
  }

  private ofKindWhere(kind: string, accept: (o: LintObject) => boolean, namespaceOf?: NamespaceOf): LintObject[] {
    return [...(this.byKind.get(kind) ?? [])]
      .map((d) => d.object)
      .filter(accept)
      .map((o) => (namespaceOf ? inNamespace(o, namespaceOf(o)) : o))
      .sort(compareObjects);
  }

  private templatesIn(
    members: ReadonlySet<string>,
    namespace: string | undefined,
    namespaceOf?: NamespaceOf,
  ): readonly PodTemplate[] {
    if (!this.templatesByScope) {
      this.templatesByScope = new Map();
      for (const entry of this.templates) {
        if (this.isPatch(entry.object.uri)) continue;
        for (const key of this.rootsOf(entry.object.uri)) {
          let bucket = this.templatesByScope.get(key);
          if (!bucket) this.templatesByScope.set(key, (bucket = []));
          bucket.push(entry);
        }
      }
    }
    // A template of a shared base is in several members' buckets: once in the answer.
    const entries = new Set([...members].flatMap((m) => this.templatesByScope?.get(m) ?? []));
    const found = [...entries].flatMap((e) => {
      const template = e.template && namespaceOf ? templateIn(e.template, namespaceOf(e.object)) : e.template;
      return template && namespacesMatch('Pod', template.object.namespace, namespace) ? [template] : [];
    });
    return found.sort((a, b) => compareObjects(a.object, b.object));
  }

  private templatesWhere(namespace: string | undefined, accept: (o: LintObject) => boolean): readonly PodTemplate[] {
    const found: PodTemplate[] = [];
    for (const { template, object } of this.templates) {
      if (template && accept(object) && namespacesMatch('Pod', object.namespace, namespace)) found.push(template);
    }
    return found.sort((a, b) => compareObjects(a.object, b.object));
  }
}

function compareObjects(a: LintObject, b: LintObject): number {
  return a.uri < b.uri
    ? -1
    : a.uri > b.uri
      ? 1
      : a.chunk.startLine - b.chunk.startLine ||
        a.base.length - b.base.length ||
        Number(a.base[1] ?? 0) - Number(b.base[1] ?? 0);
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
