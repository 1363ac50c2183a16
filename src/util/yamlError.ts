// YAML errors described without the text around them. The yaml library's messages quote the source (a code frame
// with prettyErrors, a token, a tag, an escape otherwise) and js-yaml's (inside client-node) print the lines around
// the error: in a kubeconfig or a Secret those are tokens and passwords. kubectl says "line 5: …" and no more.
import type { ErrorCode } from 'yaml';
import { own } from './own';

interface LinePos {
  readonly line: number;
  readonly col: number;
}

/** What each of the yaml library's error codes means, in words that never include the document's text. */
const DESCRIPTIONS: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias that names no anchor before it',
  BAD_DIRECTIVE: 'a directive the parser does not know',
  BAD_DQ_ESCAPE: 'an invalid escape sequence in a double-quoted string',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'anchors and tags must come after the ? or : indicator',
  BAD_SCALAR_START: 'a plain value cannot start with this character (quote the value)',
  BLOCK_AS_IMPLICIT_KEY: 'a block collection cannot be an implicit key',
  BLOCK_IN_FLOW: 'block collections are not allowed inside flow collections',
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  IMPOSSIBLE: 'the parser reached a state it cannot handle',
  KEY_OVER_1024_CHARS: 'an implicit key longer than 1024 characters',
  MISSING_CHAR: 'a missing character (a comma, a colon, a closing bracket or quote)',
  MULTILINE_IMPLICIT_KEY: 'implicit keys must be on a single line (a missing colon, or bad indentation?)',
  MULTIPLE_ANCHORS: 'a node has more than one anchor',
  MULTIPLE_DOCS: 'more than one document where one was expected',
  MULTIPLE_TAGS: 'a node has more than one tag',
  NON_STRING_KEY: 'a key that is not a string',
  RESOURCE_EXHAUSTION: 'too many alias expansions',
  TAB_AS_INDENT: 'a tab used for indentation',
  TAG_RESOLVE_FAILED: 'a tag the parser does not know',
  UNEXPECTED_TOKEN: 'unexpected content (bad indentation, or a missing quote or colon?)',
  BAD_COLLECTION_TYPE: 'a tag used on the wrong kind of collection',
};

/** The fields of the yaml library's YAMLError (and YAMLParseError) a description needs. */
interface YamlLibraryError {
  readonly code: ErrorCode;
  readonly pos: [number, number];
  readonly linePos?: [LinePos] | [LinePos, LinePos];
}

/** js-yaml's YAMLException (client-node parses kubeconfigs with it): `mark` is 0-based; `message` has a code frame. */
interface JsYamlException {
  readonly name: 'YAMLException';
  readonly reason?: unknown;
  readonly mark?: { readonly line: number; readonly column: number };
}

/** js-yaml's reasons are fixed sentences, except where they quote a name or tag (then in quotes or after `!`). */
const PLAIN_REASON = /^[a-z][a-z ,]*$/;

function isYamlLibraryError(e: unknown): e is YamlLibraryError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    Object.hasOwn(DESCRIPTIONS, (e as { code: string }).code) &&
    Array.isArray((e as { pos?: unknown }).pos)
  );
}

function isJsYamlException(e: unknown): e is JsYamlException {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'YAMLException';
}

/** 1-based line and column of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: before.length - lineStart + 1 };
}

/** The words for a yaml library error code, never the source text. */
export function yamlErrorDescription(code: ErrorCode): string {
  return own(DESCRIPTIONS, code) ?? 'YAML syntax error';
}

/**
 * Whether `e` is a YAML parse error (of the yaml library or of js-yaml): then `describeYamlError` says where it is
 * without the text around it.
 */
export function isYamlError(e: unknown): boolean {
  return isYamlLibraryError(e) || isJsYamlException(e);
}

/** Where a YAML error is (1-based, when known) and what it is, in words that never quote the document. */
export interface YamlErrorParts {
  readonly line?: number;
  readonly col?: number;
  readonly description: string;
}

/** `text` (the parsed source) places an error of the yaml library parsed without a line counter. */
export function yamlErrorParts(e: unknown, text?: string): YamlErrorParts {
  if (isYamlLibraryError(e)) {
    const at = e.linePos?.[0] ?? (text === undefined ? undefined : lineAndColumn(text, e.pos[0]));
    return { line: at?.line, col: at?.col, description: yamlErrorDescription(e.code) };
  }
  if (isJsYamlException(e)) {
    const description = typeof e.reason === 'string' && PLAIN_REASON.test(e.reason) ? e.reason : 'YAML syntax error';
    return e.mark ? { line: e.mark.line + 1, col: e.mark.column + 1, description } : { description };
  }
  return { description: 'YAML syntax error' };
}

/** `line L, column C: what is wrong`, from either library's error; the document's text never appears in it. */
export function describeYamlError(e: unknown, text?: string): string {
  const { line, col, description } = yamlErrorParts(e, text);
  return line === undefined ? description : `line ${line}, column ${col ?? 1}: ${description}`;
}
