import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type ErrorCode,
  type Node,
  type Pair,
} from 'yaml';
import { yamlErrorDescription } from '../util/yamlError';
import { fastValue } from './fastValue';
import { withPlainYamlEnv } from '../util/yamlEnv';
import { ScalarLocator } from './locate';
import type { Position, Range } from './types';

/** One YAML document of a file, as text, and where it starts. */
export interface DocChunk {
  readonly text: string;
  readonly startLine: number;
}

/** A path into a document: mapping keys and sequence indexes. */
export type Path = readonly (string | number)[];

export interface SyntaxProblem {
  readonly message: string;
  /** Offsets within the chunk. */
  readonly start: number;
  readonly end: number;
  /** A warning of the YAML library (the document still means what it says); errors are not marked. */
  readonly warning?: boolean;
}

/** A parsed chunk. Positions are relative to the chunk, so one parse serves wherever the chunk moves. */
export interface ParsedChunk {
  readonly doc: Document.Parsed;
  /** Offsets where each line starts (after each `\n`). */
  readonly lineStarts: readonly number[];
  /** Offsets where each line's content ends (before `\r\n` or `\n`): columns never point into a line break. */
  readonly lineEnds: readonly number[];
  readonly value: unknown;
  readonly problems: readonly SyntaxProblem[];
  readonly warnings: readonly SyntaxProblem[];
  readonly textLength: number;
  /** Finds scalars in the text without `doc`: for documents js-yaml read (see locate.ts); undefined otherwise. */
  readonly locator?: ScalarLocator | undefined;
}

// A `---` at the start of a line always ends a YAML document (it is forbidden inside scalars), so a
// file splits into documents on these lines without a parse; each document then parses on its own.
// The marker is `---` followed by a space, a tab or the end of the line (`\n` or `\r\n`).
function isDocumentStart(text: string, offset: number, lineEnd: number): boolean {
  if (!text.startsWith('---', offset)) return false;
  const next = text[offset + 3];
  return offset + 3 === lineEnd || next === ' ' || next === '\t' || (next === '\r' && offset + 4 === lineEnd);
}

export function splitDocuments(text: string): DocChunk[] {
  const chunks: DocChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let line = 0;
  for (let offset = 0; offset <= text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    if (offset > chunkStart && isDocumentStart(text, offset, lineEnd)) {
      chunks.push({ text: text.slice(chunkStart, offset), startLine: chunkLine });
      chunkStart = offset;
      chunkLine = line;
    }
    if (newline === -1) break;
    offset = newline + 1;
  }
  chunks.push({ text: text.slice(chunkStart), startLine: chunkLine });
  return chunks;
}

const YAML_OPTIONS = { version: '1.1', prettyErrors: false, uniqueKeys: true, logLevel: 'silent' } as const;

function parseYaml(text: string): Document.Parsed {
  return withPlainYamlEnv(() => parseDocument(text, YAML_OPTIONS));
}

/**
 * A parsed chunk whose document model and line table are made when first asked for. A document js-yaml reads (see
 * fastValue.ts) has its value at once; `yaml`'s model, with the node ranges findings point at, is parsed only for the
 * documents that have a finding (most have none), and is the same model an eager parse gives.
 */
class LazyParsedChunk implements ParsedChunk {
  private document: Document.Parsed | undefined;
  private bounds: { lineStarts: number[]; lineEnds: number[] } | undefined;
  private scalars: ScalarLocator | undefined;
  readonly textLength: number;

  constructor(
    private readonly text: string,
    readonly value: unknown,
    readonly problems: readonly SyntaxProblem[],
    readonly warnings: readonly SyntaxProblem[],
    document?: Document.Parsed,
    private readonly fast = document === undefined,
  ) {
    this.document = document;
    this.textLength = text.length;
  }

  get doc(): Document.Parsed {
    return (this.document ??= parseYaml(this.text));
  }

  get locator(): ScalarLocator | undefined {
    // A document yaml read has its model already; one read on the fast path has only its text.
    if (this.fast) this.scalars ??= new ScalarLocator(this.text);
    return this.scalars;
  }

  get lineStarts(): readonly number[] {
    return (this.bounds ??= lineBounds(this.text)).lineStarts;
  }

  get lineEnds(): readonly number[] {
    return (this.bounds ??= lineBounds(this.text)).lineEnds;
  }
}

const NO_PROBLEMS: readonly SyntaxProblem[] = Object.freeze([]);

/**
 * Parses one document the way Kubernetes reads YAML (1.1: `yes` is a boolean); never throws, never prints.
 * `edited`: a new version of a document already open (a keystroke), rather than one read with its workspace.
 * A document with errors still yields what the parser recovered (a duplicate key keeps its last value), so
 * the rest of it is checked too. The library's warnings become findings instead of process warnings.
 */
export function parseChunk(text: string, { edited = false }: { edited?: boolean } = {}): ParsedChunk {
  // An edited document is read by yaml at once: it is the one the user looks at, and its findings need yaml's model.
  const fast = edited ? undefined : fastValue(text);
  if (fast) return new LazyParsedChunk(text, fast.value, NO_PROBLEMS, NO_PROBLEMS);
  const doc = parseYaml(text);
  // An error at the very end (an unclosed quote) is shown on the last content line, not on the next `---`.
  const last = Math.max(0, text.trimEnd().length - 1);
  // Described by code, never by the parser's message: it can quote the text (a Secret's value) into CLI output.
  const at = (e: { code: ErrorCode; pos: [number, number] }, warning: boolean): SyntaxProblem => ({
    message: sentence(yamlErrorDescription(e.code)),
    start: Math.min(e.pos[0], last),
    end: Math.min(e.pos[1], last + 1),
    ...(warning ? { warning } : {}),
  });
  const problems: SyntaxProblem[] = rootCauses(doc.errors).map((e) => at(e, false));
  const warnings: SyntaxProblem[] = doc.warnings.map((w) => at(w, true));
  let value: unknown = null;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    if (problems.length === 0) problems.push(aliasProblem(doc));
  }
  return new LazyParsedChunk(text, value, problems, warnings, doc);
}

/**
 * One mistake, one finding: after the first structural error (a tab, a bad indent, a missing colon) the parser
 * has lost the document's shape, and its further errors are guesses around that spot (one tab used as indentation
 * gives five). The library reports the cause first; kubectl, too, names only the first. A duplicate key leaves the
 * structure intact, so each one is reported.
 */
function rootCauses<E extends { code: ErrorCode }>(errors: readonly E[]): E[] {
  const structural = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  return errors.filter((e) => e === structural || e.code === 'DUPLICATE_KEY');
}

/** Why toJS gave up: an alias whose anchor this document lacks (anchors do not cross `---`), else too many aliases. */
function aliasProblem(doc: Document.Parsed): SyntaxProblem {
  let unresolved: [number, number] | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined || !alias.range) return undefined;
      unresolved = [alias.range[0], alias.range[1]];
      return visit.BREAK;
    },
  });
  if (!unresolved) return { message: 'The document cannot be read: too many aliases.', start: 0, end: 0 };
  const message = 'An alias refers to an anchor this document does not define (anchors do not carry across `---`).';
  return { message, start: unresolved[0], end: unresolved[1] };
}

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function lineBounds(text: string): { lineStarts: number[]; lineEnds: number[] } {
  const lineStarts = [0];
  const lineEnds: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lineEnds.push(i > 0 && text[i - 1] === '\r' ? i - 1 : i);
    lineStarts.push(i + 1);
  }
  lineEnds.push(text.length);
  return { lineStarts, lineEnds };
}

/**
 * Caches parses by document text: an edit re-parses only the document it touched. Parses are never
 * mutated, so engines share one cache. Bounded: the oldest entries go first.
 */
export class ChunkCache {
  private readonly entries = new Map<string, ParsedChunk>();
  constructor(private readonly limit = 4000) {}

  get(text: string, options: { edited?: boolean } = {}): ParsedChunk {
    let parsed = this.entries.get(text);
    if (!parsed) {
      parsed = parseChunk(text, options);
      if (this.entries.size >= this.limit) this.evictOldest(Math.ceil(this.limit / 10));
      this.entries.set(text, parsed);
    }
    return parsed;
  }

  private evictOldest(count: number): void {
    let left = count;
    for (const key of this.entries.keys()) {
      if (left-- <= 0) break;
      this.entries.delete(key);
    }
  }
}

export const sharedChunkCache = new ChunkCache();

export function positionIn(chunk: ParsedChunk, startLine: number, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, chunk.textLength));
  const starts = chunk.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= clamped) low = mid;
    else high = mid - 1;
  }
  const start = starts[low] ?? 0;
  return { line: startLine + low, character: Math.min(clamped, chunk.lineEnds[low] ?? clamped) - start };
}

export function rangeIn(chunk: ParsedChunk, startLine: number, start: number, end: number): Range {
  return { start: positionIn(chunk, startLine, start), end: positionIn(chunk, startLine, Math.max(start, end)) };
}

/**
 * The node at a path, or undefined. With `throughAliases`, a path through an alias continues in its anchor's node:
 * a value shared by an anchor is written (and fixed) once, so a finding on any use of it points at that text, and
 * one finding stays one. Edits do not follow aliases (an edit there would change every use).
 */
export function nodeAt(doc: Document.Parsed, path: Path, throughAliases = false): Node | undefined {
  let node: unknown = doc.contents ?? undefined;
  for (const key of path) {
    const inside = throughAliases && isAlias(node) ? node.resolve(doc) : node;
    if (!isCollection(inside)) return undefined;
    node = inside.get(key, true);
  }
  return node && typeof node === 'object' && 'range' in node ? (node as Node) : undefined;
}

/** The key/value pair that ends a path in a mapping, for findings that belong on the key. */
export function pairAt(doc: Document.Parsed, path: Path): Pair<Node, Node | null> | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  return (parent.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && p.key.value === last);
}
