import { isPair, type Node, type Pair } from 'yaml';
import { rec, str, stringMap, type Rec } from './access';
import { nodeAt, pairAt, rangeIn, type DocChunk, type ParsedChunk, type Path } from './parse';
import type { Location, Range } from './types';

/** Kinds without a namespace: references to them ignore the referrer's namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'IngressClass',
  'CustomResourceDefinition',
  'APIService',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'RuntimeClass',
  'CertificateSigningRequest',
  'ClusterTrustBundle',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'TokenReview',
  'SelfSubjectReview',
  'SubjectAccessReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'DeviceClass',
  'ResourceSlice',
  'IPAddress',
  'ServiceCIDR',
  'StorageVersionMigration',
  'VolumeAttributesClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** One Kubernetes object of the workspace with the means to point at its nodes. */
export class LintObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined when the manifest leaves it to kubectl/kustomize: then it matches any namespace. */
  readonly namespace: string | undefined;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;

  constructor(
    readonly uri: string,
    readonly chunk: DocChunk,
    readonly parsed: ParsedChunk,
    readonly value: Rec,
    /** Where the object sits in its document: `[]`, or `['items', i]` for an item of a `kind: List`. */
    readonly base: Path = [],
    /** False when the findings' quick fixes are not wanted (the CLI prints none): fixes.ts then builds none. */
    readonly withFixes = true,
  ) {
    const metadata = rec(value.metadata);
    this.apiVersion = str(value.apiVersion) ?? '';
    this.kind = str(value.kind) ?? '';
    this.name = str(metadata?.name) ?? '';
    this.namespace = isClusterScoped(this.kind) ? undefined : str(metadata?.namespace);
    this.labels = stringMap(metadata?.labels);
    this.annotations = stringMap(metadata?.annotations);
  }

  /** `Kind/name`, with the namespace when known: how messages name the object. */
  get display(): string {
    return this.namespace ? `${this.kind} ${this.namespace}/${this.name}` : `${this.kind} ${this.name}`;
  }

  /** The YAML node at a path of this object. */
  node(path: Path): Node | undefined {
    return nodeAt(this.parsed.doc, [...this.base, ...path]);
  }

  /** The key/value pair that ends a path of this object. */
  pair(path: Path): Pair<Node, Node | null> | undefined {
    return pairAt(this.parsed.doc, [...this.base, ...path]);
  }

  /**
   * The range of the value at a path, through aliases to the anchored text; falls back to the nearest existing
   * ancestor. Worked out when first read.
   */
  rangeOf(path: Path): Range {
    return lazyRange(() => this.eagerRangeOf(path));
  }

  /** The range of the key that ends a path (`livenessProbe:`), or of the value when there is no key. */
  keyRangeOf(path: Path): Range {
    return lazyRange(() => {
      const located = this.parsed.locator?.key([...this.base, ...path]);
      if (located === 'missing') return this.eagerRangeOf(path);
      if (located) return rangeIn(this.parsed, this.chunk.startLine, located.start, located.end);
      const pair = this.pair(path);
      const key = isPair(pair) ? pair.key : undefined;
      if (key?.range) return rangeIn(this.parsed, this.chunk.startLine, key.range[0], key.range[1]);
      return this.eagerRangeOf(path);
    });
  }

  private eagerRangeOf(path: Path): Range {
    const located = this.locatedRangeOf(path);
    if (located) return located;
    for (let n = path.length; n >= 0; n--) {
      const node = nodeAt(this.parsed.doc, [...this.base, ...path.slice(0, n)], true);
      if (node?.range) return rangeIn(this.parsed, this.chunk.startLine, node.range[0], node.range[1]);
    }
    return rangeIn(this.parsed, this.chunk.startLine, 0, 0);
  }

  /** eagerRangeOf's answer read from the text when the path ends at a scalar (see locate.ts); else undefined. */
  private locatedRangeOf(path: Path): Range | undefined {
    const locator = this.parsed.locator;
    if (!locator) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const at = locator.value([...this.base, ...path.slice(0, n)]);
      if (at === undefined) return undefined;
      if (at !== 'missing') return rangeIn(this.parsed, this.chunk.startLine, at.start, at.end);
    }
    return undefined;
  }

  /** Where this object's name is written: related information points here. */
  location(path: Path = ['metadata', 'name']): Location {
    return { uri: this.uri, range: this.rangeOf(path) };
  }
}

/**
 * A range worked out when its start or end is first read. Rules name the place of a finding before they know whether
 * they report it (and related places they may not use): only the ranges of reported findings need the document's
 * node ranges, which a document read on the fast path (fastValue.ts) parses on demand. Reads as a plain
 * `{ start, end }` object: spreading, JSON and deep equality see the two values.
 */
function lazyRange(compute: () => Range): Range {
  let resolved: Range | undefined;
  const range = (): Range => (resolved ??= compute());
  return Object.defineProperties({} as Range, {
    start: { get: () => range().start, enumerable: true },
    end: { get: () => range().end, enumerable: true },
  });
}
