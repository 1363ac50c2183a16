import { own } from '../util/own';
import { dig } from './access';
import { changedKeys, DependencyClock, dependsOn } from './dependencies';
import type { DocChunk, ParsedChunk } from './parse';
import { rangeIn } from './parse';
import type { ObjectLookup, ObjectRef, Report, Rule, RuleContext } from './rule';
import { isPlaceholder, textIn } from './placeholders';
import { RULES } from './rules';
import { KIND_SCHEMAS } from './schema/models';
import { isSuppressed } from './suppress';
import type { LintObject } from './object';
import type { Finding, LintConfig, Range, Severity } from './types';
import { inNamespace, Workspace, type DocEntry, type ObjectEntry } from './workspace';

/** What the connected cluster's watch cache knows; `undefined` when not connected or the kind is not watched. */
export interface ClusterLookup {
  has(kind: string, namespace: string | undefined, name: string): boolean | undefined;
  /** Where the cluster was asked, for the message of a missing object: `namespace "shop" of context "demo"`. */
  where?(kind: string, namespace: string | undefined): string;
}

export interface LintEngineOptions {
  readonly config?: LintConfig;
  readonly cluster?: ClusterLookup;
  readonly rules?: readonly Rule[];
  /** A rule that throws is a bug: tests rethrow, the editor logs and goes on. */
  readonly onRuleError?: (rule: string, error: unknown) => void;
  /** How messages name another file (the CLI: relative to the working folder; the editor: to the workspace). */
  readonly displayPath?: (uri: string) => string;
  /**
   * False: findings come without quick fixes. The CLI prints none, and building them needs `yaml`'s model of each
   * document with a finding, where the finding's own range can mostly be read from the text (see locate.ts).
   */
  readonly fixes?: boolean;
}

/** A finding before configuration: severity comes from the rule unless the finding grades itself. */
interface RawFinding extends Omit<Finding, 'severity'> {
  readonly severity?: Severity;
  /** Absent from the workspace and not known missing from the cluster: information only. */
  readonly outOfBand?: boolean;
}

// Objects that are often created outside the manifests (by hand, by a secrets operator, by the platform).
/** The dependency of findings about objects absent from the workspace: the cluster may have them. */
const CLUSTER_KEY = 'cluster';
/** The dependency of every cross-object finding on the shape of the applications (kustomizations). */
const SCOPES_KEY = 'scopes';

/** What a kustomize patch (a partial object) is checked for: only what it says, never what it leaves out. */
const PARTIAL_RULES = new Set(['schema', 'unknown-field', 'deprecated-api']);
const STRUCTURE_RULES = new Set(['schema', 'unknown-field', 'api-validation']);

const OUT_OF_BAND = new Set([
  'Secret',
  'ConfigMap',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'Role',
  'ClusterRole',
  // An Ingress may route to a Service another chart or repository makes.
  'Service',
]);
/** Objects of the platform, rarely in manifests: no finding at all until a connected cluster lacks them. */
const PLATFORM = new Set(['StorageClass']);

/** The lint engine: a workspace of files, incremental re-checks, findings per file. Never imports vscode. */
export class LintEngine {
  private readonly workspace: Workspace;
  private readonly rules: readonly Rule[];
  private readonly byId: ReadonlyMap<string, Rule>;
  private readonly local = new Map<
    string,
    WeakMap<ParsedChunk, { startLine: number; partial: boolean; findings: RawFinding[] }>
  >();
  /** What each file's cross-object rules looked up last time (see dependencies.ts for the keys). */
  private readonly dependencies = new Map<string, Set<string>>();
  /** Cross-object findings per document, kept while nothing they looked up changes. */
  private readonly cross = new WeakMap<
    DocEntry,
    { at: number; scope: string; dependencies: Set<string>; findings: RawFinding[] }
  >();
  private readonly clock = new DependencyClock();
  /**
   * Each cached raw finding configured once, with its de-duplication key: re-linting a file on a keystroke then
   * allocates for the edited document only (the copies of every finding of a 2,000-line file made the garbage
   * collector pause inside keystrokes).
   */
  private configured = new WeakMap<RawFinding, { readonly finding: Finding; readonly key: string } | null>();
  private config: LintConfig;
  private cluster: ClusterLookup | undefined;

  constructor(private readonly options: LintEngineOptions = {}) {
    this.workspace = new Workspace(options.fixes ?? true);
    this.rules = options.rules ?? RULES;
    this.byId = new Map(this.rules.map((r) => [r.id, r]));
    this.config = options.config ?? {};
    this.cluster = options.cluster;
  }

  setConfig(config: LintConfig): void {
    this.config = config;
    this.configured = new WeakMap();
  }

  /** Sets the cluster to consult; also call it when the cluster's cache changed, so missing objects are re-checked. */
  setCluster(cluster: ClusterLookup | undefined): void {
    this.cluster = cluster;
    this.clock.tick(new Set([CLUSTER_KEY]));
  }

  uris(): string[] {
    return this.workspace.uris();
  }

  has(uri: string): boolean {
    return this.workspace.file(uri) !== undefined;
  }

  /** Adds or updates a file; returns the files whose findings may have changed (itself first). */
  setFile(uri: string, text: string): string[] {
    if (this.workspace.file(uri)?.text === text) return [];
    const { removed, added, scopesChanged } = this.workspace.setFile(uri, text);
    return this.affected(uri, removed, added, scopesChanged);
  }

  /** Forgets a file; returns the other files whose findings may have changed. */
  deleteFile(uri: string): string[] {
    const { removed, scopesChanged } = this.workspace.deleteFile(uri);
    this.local.delete(uri);
    this.dependencies.delete(uri);
    return this.affected(uri, removed, [], scopesChanged).filter((u) => u !== uri);
  }

  private affected(
    uri: string,
    removed: readonly DocEntry[],
    added: readonly DocEntry[],
    scopesChanged: boolean,
  ): string[] {
    const keys = changedKeys(removed, added);
    if (scopesChanged) keys.add(SCOPES_KEY);
    this.clock.tick(keys);
    // Applications changed shape: which files are patches and which objects meet may differ everywhere.
    if (scopesChanged) return [uri, ...this.workspace.uris().filter((u) => u !== uri)];
    // Runs on every keystroke over every file's dependencies: no copies of them.
    const affected = [uri];
    for (const [other, dependencies] of this.dependencies)
      if (other !== uri && dependsOn(dependencies, keys)) affected.push(other);
    return affected;
  }

  /** The findings of one file, in document order, with the configuration and suppressions applied; never twice the same. */
  lintFile(uri: string): Finding[] {
    const file = this.workspace.file(uri);
    if (!file) return [];
    const dependencies = new Set<string>();
    const partial = this.workspace.isPatch(uri);
    const scope = this.workspace.scopeOf(uri);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const doc of file.docs) {
      const raw = [
        ...this.localFindings(uri, doc, partial),
        ...(partial ? [] : this.crossFindings(doc, scope, dependencies)),
      ];
      for (const finding of raw) {
        const configured = this.configuredOf(finding);
        if (!configured || seen.has(configured.key)) continue;
        seen.add(configured.key);
        findings.push(configured.finding);
      }
    }
    this.dependencies.set(uri, dependencies);
    return findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  }

  lintAll(): Map<string, Finding[]> {
    return new Map(this.workspace.uris().map((uri) => [uri, this.lintFile(uri)]));
  }

  private configuredOf(raw: RawFinding): { readonly finding: Finding; readonly key: string } | null {
    let configured = this.configured.get(raw);
    if (configured === undefined) {
      const finding = this.configure(raw);
      const key = finding && `${finding.rule}\u0000${rangeKey(finding.range)}\u0000${finding.message}`;
      configured = finding && key ? { finding, key } : null;
      this.configured.set(raw, configured);
    }
    return configured;
  }

  private configure(finding: RawFinding): Finding | undefined {
    const rule = this.byId.get(finding.rule);
    const setting = this.config.rules?.[finding.rule];
    if (setting === 'off') return undefined;
    const severity = finding.outOfBand ? 'info' : (setting ?? finding.severity ?? rule?.defaultSeverity ?? 'error');
    const { outOfBand: _outOfBand, ...rest } = finding;
    return { ...rest, severity };
  }

  /** Syntax and single-object findings, cached per parsed document and moved when lines above it change. */
  private localFindings(uri: string, doc: DocEntry, partial: boolean): RawFinding[] {
    let perFile = this.local.get(uri);
    if (!perFile) this.local.set(uri, (perFile = new WeakMap()));
    const cached = perFile.get(doc.parsed);
    if (cached && cached.partial === partial) {
      return cached.startLine === doc.chunk.startLine
        ? cached.findings
        : cached.findings.map((f) => shift(f, doc.chunk.startLine - cached.startLine));
    }
    const findings = [...doc.parsed.problems, ...doc.parsed.warnings]
      .map((p): RawFinding => ({
        rule: 'yaml-syntax',
        uri,
        message: p.message,
        range: rangeIn(doc.parsed, doc.chunk.startLine, p.start, p.end),
        ...(p.warning ? { severity: 'warning' as const } : {}),
      }))
      .filter((f) => !isSuppressed(doc.suppressions, f.rule, f.range.start.line - doc.chunk.startLine));
    // Where the YAML is broken its recovered shape is a guess: no schema verdicts on it, the other checks still run.
    const broken = doc.parsed.problems.length > 0;
    const rules = this.rules.filter(
      (r) => !r.crossObject && (!partial || PARTIAL_RULES.has(r.id)) && !(broken && STRUCTURE_RULES.has(r.id)),
    );
    for (const entry of doc.objects) {
      if (!partial && !broken && isFragment(entry.object)) {
        // Neither name nor generateName: a fragment (a docs snippet, a patch no kustomization lists yet), checked
        // for what it says, as a patch is, once noted.
        const { object } = entry;
        findings.push({
          rule: 'schema',
          uri,
          severity: 'info',
          range: object.keyRangeOf(['kind']),
          message: `${object.kind} without metadata.name or generateName: checked as a fragment (kubectl apply needs a name).`,
        });
        const fragmentRules = rules.filter((r) => PARTIAL_RULES.has(r.id));
        findings.push(...this.run(entry, fragmentRules, this.workspace.anywhere, this.workspace.anywhere, true));
        continue;
      }
      findings.push(...this.run(entry, rules, this.workspace.anywhere, this.workspace.anywhere, partial));
    }
    perFile.set(doc.parsed, { startLine: doc.chunk.startLine, partial, findings });
    return findings;
  }

  /** Cross-object findings within the file's application, recomputed only when an object they looked up changed. */
  private crossFindings(doc: DocEntry, scope: string, fileDependencies: Set<string>): RawFinding[] {
    if (doc.objects.length === 0) return [];
    let cached = this.cross.get(doc);
    if (!cached || cached.scope !== scope || !this.clock.isFresh(cached.dependencies, cached.at)) {
      const dependencies = new Set<string>([SCOPES_KEY]);
      const at = this.clock.time;
      const findings = this.checkAcross(doc, dependencies);
      this.cross.set(doc, (cached = { at, scope, dependencies, findings }));
    }
    cached.dependencies.forEach((d) => fileDependencies.add(d));
    return cached.findings;
  }

  /**
   * A document's cross-object findings in each namespace its applications put it in (a base that overlays of
   * different namespaces share is checked in each). A rule's finding at a place one namespace already has is the
   * same problem seen from another overlay: reported once.
   */
  private checkAcross(doc: DocEntry, dependencies: Set<string>): RawFinding[] {
    const rules = this.rules.filter((r) => r.crossObject);
    // Where a kustomization moves objects into its namespace, a template that names another one may be met.
    const anyPods = this.workspace.hasNamespaces();
    const elsewhere = recordingLookup(this.workspace.anywhere, dependencies, anyPods);
    const places = new Set<string>();
    const findings: RawFinding[] = [];
    for (const group of this.workspace.namespaceGroups(doc.objects[0]?.object.uri ?? '')) {
      const objects = recordingLookup(this.workspace.scoped(group.scope), dependencies, anyPods);
      const found = doc.objects.flatMap((entry) =>
        doc.parsed.problems.length === 0 && isFragment(entry.object)
          ? []
          : this.run(
              { ...entry, object: inNamespace(entry.object, group.namespace) },
              rules,
              objects,
              elsewhere,
              false,
              dependencies,
            ),
      );
      const fresh = found.filter((f) => !places.has(`${f.rule}\u0000${rangeKey(f.range)}`));
      fresh.forEach((f) => places.add(`${f.rule}\u0000${rangeKey(f.range)}`));
      findings.push(...fresh.map((f) => this.nameOtherFile(f)));
    }
    return findings;
  }

  private display(uri: string): string {
    return this.options.displayPath?.(uri) ?? uri.replace(/^file:\/\//, '');
  }

  /** A finding that points at an object in another file names that file and line in its message. */
  private nameOtherFile(finding: RawFinding): RawFinding {
    const other = finding.related?.find((r) => r.uri !== finding.uri);
    if (!other) return finding;
    const where = `${this.display(other.uri)}:${other.range.start.line + 1}`;
    if (finding.message.includes(where)) return finding;
    return { ...finding, message: `${finding.message.replace(/\.$/, '')} (${where}).` };
  }

  private run(
    entry: ObjectEntry,
    rules: readonly Rule[],
    objects: ObjectLookup,
    elsewhere: ObjectLookup,
    partial: boolean,
    dependencies?: Set<string>,
  ): RawFinding[] {
    const findings: RawFinding[] = [];
    const { object, suppressions } = entry;
    // One context per object; `rule` moves on as the rules run (a context per rule was most of the allocation).
    let rule = rules[0];
    const report = (r: Report, outOfBand = false): void => {
      findings.push({ rule: rule?.id ?? '', uri: object.uri, ...r, ...(outOfBand ? { outOfBand } : {}) });
    };
    const reportMissing = (ref: ObjectRef, r: Report): void => {
      const other = elsewhere.find(ref.kind, ref.namespace, ref.name);
      if (other) {
        // Resolves only in another application (another kustomization or folder): a hint, not an error.
        const message = `${r.message.replace(/\.$/, '')}; only another application has ${other.display}, which this one does not see.`;
        findings.push({
          rule: rule?.id ?? '',
          uri: object.uri,
          ...r,
          message,
          severity: 'info',
          related: [{ ...other.location(), message: other.display }],
        });
        return;
      }
      dependencies?.add(CLUSTER_KEY);
      const inCluster = this.cluster?.has(ref.kind, ref.namespace, ref.name);
      if (inCluster === true || (inCluster === undefined && PLATFORM.has(ref.kind))) return;
      if (inCluster === undefined) return report(r, OUT_OF_BAND.has(ref.kind));
      const where = this.cluster?.where?.(ref.kind, ref.namespace) ?? 'the connected cluster';
      report({ ...r, message: `${r.message.replace(/\.$/, '')}, nor in ${where}.` });
    };
    const context: RuleContext = { objects, elsewhere, partial, report: (r) => report(r), reportMissing };
    for (rule of rules) {
      try {
        rule.check(object, context);
      } catch (e) {
        if (!this.options.onRuleError) throw e;
        this.options.onRuleError(rule.id, e);
      }
    }
    const graded = findings.map((f) => (f.severity === 'info' ? f : onPlaceholder(f, object.chunk)));
    if (suppressions.all.size === 0 && suppressions.lines.size === 0) return graded;
    return graded.filter((f) => !isSuppressed(suppressions, f.rule, f.range.start.line - object.chunk.startLine));
  }
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/**
 * A lookup that records what was asked, so a change to those objects re-checks the asking file. With `anyPods`,
 * pod templates are recorded for every namespace: a kustomization may have moved one from the namespace it names.
 */
function recordingLookup(objects: ObjectLookup, keys: Set<string>, anyPods = false): ObjectLookup {
  return {
    find: (kind, namespace, name) => (keys.add(`${kind}/${name}`), objects.find(kind, namespace, name)),
    ofKind: (kind) => (keys.add(`${kind}/*`), objects.ofKind(kind)),
    podTemplates: (namespace) => (
      keys.add(`pods:${anyPods ? '*' : (namespace ?? '*')}`),
      objects.podTemplates(namespace)
    ),
  };
}

function shiftRange(range: Range, delta: number): Range {
  return {
    start: { ...range.start, line: range.start.line + delta },
    end: { ...range.end, line: range.end.line + delta },
  };
}

/** Moves a document's own findings with the document (their related places and edits are in it too). */
function shift(finding: RawFinding, delta: number): RawFinding {
  const moved = <T extends { uri: string; range: Range }>(l: T): T =>
    l.uri === finding.uri ? { ...l, range: shiftRange(l.range, delta) } : l;
  // Only the fields the finding has: a moved finding must equal the one a fresh run computes.
  return {
    ...finding,
    range: shiftRange(finding.range, delta),
    ...(finding.related ? { related: finding.related.map(moved) } : {}),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(moved) })) } : {}),
  };
}

/** A finding on a placeholder (`${VAR}`, `$(VAR)`, `{{ x }}`, `<project>`) is information: the tool that fills it in runs first. */
function onPlaceholder(finding: RawFinding, chunk: DocChunk): RawFinding {
  // One value on one line: a finding on a whole block that merely holds a placeholder somewhere stays as it is.
  if (finding.range.start.line !== finding.range.end.line) return finding;
  if (!isPlaceholder(textIn(chunk, finding.range))) return finding;
  return {
    ...finding,
    severity: 'info',
    message: `${finding.message.replace(/\.$/, '')} (the value looks like a placeholder that a tool fills in before applying).`,
  };
}

/**
 * A built-in object with neither metadata.name nor generateName (in a document that parsed): no API server takes it
 * as it is.
 */
function isFragment(object: LintObject): boolean {
  // Only built-in kinds: a tool's config file (kubeadm, kubelet, kind, Skaffold, kubeconfig) has no name by design.
  if (own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`) === undefined) return false;
  const metadata = dig(object.value, 'metadata');
  return dig(metadata, 'name') === undefined && dig(metadata, 'generateName') === undefined;
}
