import { changedKeys, DependencyClock, dependsOn } from './dependencies';
import type { LintObject } from './object';
import type { ParsedChunk } from './parse';
import { rangeIn } from './parse';
import type { ObjectLookup, ObjectRef, Report, Rule, RuleContext } from './rule';
import { RULES } from './rules';
import { isSuppressed } from './suppress';
import type { Finding, LintConfig, Range, Severity } from './types';
import { Workspace, type DocEntry } from './workspace';

/** What the connected cluster's watch cache knows; `undefined` when not connected or the kind is not watched. */
export interface ClusterLookup {
  has(kind: string, namespace: string | undefined, name: string): boolean | undefined;
}

export interface LintEngineOptions {
  readonly config?: LintConfig;
  readonly cluster?: ClusterLookup;
  readonly rules?: readonly Rule[];
  /** A rule that throws is a bug: tests rethrow, the editor logs and goes on. */
  readonly onRuleError?: (rule: string, error: unknown) => void;
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

const OUT_OF_BAND = new Set(['Secret', 'ConfigMap', 'ServiceAccount', 'PersistentVolumeClaim', 'Role', 'ClusterRole']);

/** The lint engine: a workspace of files, incremental re-checks, findings per file. Never imports vscode. */
export class LintEngine {
  private readonly workspace = new Workspace();
  private readonly rules: readonly Rule[];
  private readonly local = new Map<string, WeakMap<ParsedChunk, { startLine: number; findings: RawFinding[] }>>();
  /** What each file's cross-object rules looked up last time (see dependencies.ts for the keys). */
  private readonly dependencies = new Map<string, Set<string>>();
  /** Cross-object findings per document, kept while nothing they looked up changes. */
  private readonly cross = new WeakMap<DocEntry, { at: number; dependencies: Set<string>; findings: RawFinding[] }>();
  private readonly clock = new DependencyClock();
  private config: LintConfig;
  private cluster: ClusterLookup | undefined;

  constructor(private readonly options: LintEngineOptions = {}) {
    this.rules = options.rules ?? RULES;
    this.config = options.config ?? {};
    this.cluster = options.cluster;
  }

  setConfig(config: LintConfig): void {
    this.config = config;
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
    const { removed, added } = this.workspace.setFile(uri, text);
    return this.affected(uri, removed, added);
  }

  /** Forgets a file; returns the other files whose findings may have changed. */
  deleteFile(uri: string): string[] {
    const removed = this.workspace.deleteFile(uri);
    this.local.delete(uri);
    this.dependencies.delete(uri);
    return this.affected(uri, removed, []).filter((u) => u !== uri);
  }

  private affected(uri: string, removed: readonly DocEntry[], added: readonly DocEntry[]): string[] {
    const keys = changedKeys(removed, added);
    this.clock.tick(keys);
    const others = [...this.dependencies].filter(([u, deps]) => u !== uri && dependsOn(deps, keys)).map(([u]) => u);
    return [uri, ...others];
  }

  /** The findings of one file, in document order, with the configuration and suppressions applied. */
  lintFile(uri: string): Finding[] {
    const file = this.workspace.file(uri);
    if (!file) return [];
    const dependencies = new Set<string>();
    const findings: Finding[] = [];
    for (const doc of file.docs) {
      const raw = [...this.localFindings(uri, doc), ...this.crossFindings(doc, dependencies)];
      for (const finding of raw) {
        const configured = this.configure(finding);
        if (configured && !isSuppressed(doc.suppressions, finding.rule, finding.range.start.line - doc.chunk.startLine)) findings.push(configured);
      }
    }
    this.dependencies.set(uri, dependencies);
    return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  lintAll(): Map<string, Finding[]> {
    return new Map(this.workspace.uris().map((uri) => [uri, this.lintFile(uri)]));
  }

  private configure(finding: RawFinding): Finding | undefined {
    const rule = this.rules.find((r) => r.id === finding.rule);
    const setting = this.config.rules?.[finding.rule];
    if (setting === 'off') return undefined;
    const severity = finding.outOfBand ? 'info' : (setting ?? finding.severity ?? rule?.defaultSeverity ?? 'error');
    const { outOfBand: _outOfBand, ...rest } = finding;
    return { ...rest, severity };
  }

  /** Syntax and single-object findings, cached per parsed document and moved when lines above it change. */
  private localFindings(uri: string, doc: DocEntry): RawFinding[] {
    let perFile = this.local.get(uri);
    if (!perFile) this.local.set(uri, (perFile = new WeakMap()));
    const cached = perFile.get(doc.parsed);
    if (cached) return cached.startLine === doc.chunk.startLine ? cached.findings : cached.findings.map((f) => shift(f, doc.chunk.startLine - cached.startLine));
    const findings = doc.parsed.problems.map((p): RawFinding => ({
      rule: 'yaml-syntax', uri, message: p.message, range: rangeIn(doc.parsed, doc.chunk.startLine, p.start, p.end),
    }));
    if (doc.object) findings.push(...this.run(doc.object, this.rules.filter((r) => !r.crossObject), this.workspace));
    perFile.set(doc.parsed, { startLine: doc.chunk.startLine, findings });
    return findings;
  }

  /** Cross-object findings, recomputed only when an object they looked up changed. */
  private crossFindings(doc: DocEntry, fileDependencies: Set<string>): RawFinding[] {
    if (!doc.object) return [];
    let cached = this.cross.get(doc);
    if (!cached || !this.clock.isFresh(cached.dependencies, cached.at)) {
      const dependencies = new Set<string>();
      const at = this.clock.time;
      const findings = this.run(doc.object, this.rules.filter((r) => r.crossObject), recordingLookup(this.workspace, dependencies), dependencies);
      this.cross.set(doc, (cached = { at, dependencies, findings }));
    }
    cached.dependencies.forEach((d) => fileDependencies.add(d));
    return cached.findings;
  }

  private run(object: LintObject, rules: readonly Rule[], objects: ObjectLookup, dependencies?: Set<string>): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const rule of rules) {
      const context = this.context(rule, object, objects, findings, dependencies);
      try {
        rule.check(object, context);
      } catch (e) {
        if (!this.options.onRuleError) throw e;
        this.options.onRuleError(rule.id, e);
      }
    }
    return findings;
  }

  private context(rule: Rule, object: LintObject, objects: ObjectLookup, out: RawFinding[], dependencies?: Set<string>): RuleContext {
    const report = (r: Report, outOfBand = false): void => {
      out.push({ rule: rule.id, uri: object.uri, ...r, ...(outOfBand ? { outOfBand } : {}) });
    };
    const reportMissing = (ref: ObjectRef, r: Report): void => {
      dependencies?.add(CLUSTER_KEY);
      const inCluster = this.cluster?.has(ref.kind, ref.namespace, ref.name);
      if (inCluster === true) return;
      report(r, inCluster === undefined && OUT_OF_BAND.has(ref.kind));
    };
    return { objects, report: (r) => report(r), reportMissing };
  }
}

/** A lookup that records what was asked, so a change to those objects re-checks the asking file. */
function recordingLookup(objects: ObjectLookup, keys: Set<string>): ObjectLookup {
  return {
    find: (kind, namespace, name) => (keys.add(`${kind}/${name}`), objects.find(kind, namespace, name)),
    ofKind: (kind) => (keys.add(`${kind}/*`), objects.ofKind(kind)),
    podTemplates: (namespace) => (keys.add(`pods:${namespace ?? '*'}`), objects.podTemplates(namespace)),
  };
}

function shiftRange(range: Range, delta: number): Range {
  return { start: { ...range.start, line: range.start.line + delta }, end: { ...range.end, line: range.end.line + delta } };
}

/** Moves a document's own findings with the document (their related places and edits are in it too). */
function shift(finding: RawFinding, delta: number): RawFinding {
  const moved = <T extends { uri: string; range: Range }>(l: T): T => (l.uri === finding.uri ? { ...l, range: shiftRange(l.range, delta) } : l);
  // Only the fields the finding has: a moved finding must equal the one a fresh run computes.
  return {
    ...finding,
    range: shiftRange(finding.range, delta),
    ...(finding.related ? { related: finding.related.map(moved) } : {}),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(moved) })) } : {}),
  };
}
