import { isMap, isSeq, type Node } from 'yaml';
import type { LintObject } from './object';
import { rangeIn, type Path } from './parse';
import type { TextEdit } from './types';

// Each edit is undefined for an object whose workspace wants no quick fixes (the CLI's): it needs yaml's model.

/** Offset of the start of the line after the one holding `offset` (or the chunk's end). */
function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function insertion(object: LintObject, offset: number, lines: readonly string[], indent: number): TextEdit {
  const { text } = object.chunk;
  const atEnd = offset >= text.length && text.length > 0 && !text.endsWith('\n');
  const body = lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
  const range = rangeIn(object.parsed, object.chunk.startLine, offset, offset);
  return { uri: object.uri, range, newText: atEnd ? `\n${body}` : `${body}\n` };
}

function lastEnd(node: Node): number | undefined {
  return node.range?.[1];
}

/** Adds keys at the end of a block mapping, indented like its other keys; undefined for flow mappings. */
export function insertIntoMapping(object: LintObject, path: Path, lines: readonly string[]): TextEdit | undefined {
  if (!object.withFixes) return undefined;
  const map = object.node(path);
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const first = map.items[0]?.key as Node | undefined;
  const last = map.items[map.items.length - 1];
  const end = last ? lastEnd((last.value ?? last.key) as Node) : undefined;
  if (!first?.range || end === undefined) return undefined;
  const { text } = object.chunk;
  return insertion(object, nextLineStart(text, end), lines, columnOf(text, first.range[0]));
}

/** Appends an item to a block sequence, `- ` at the sequence's indentation. */
export function appendToSequence(object: LintObject, path: Path, lines: readonly string[]): TextEdit | undefined {
  if (!object.withFixes) return undefined;
  const seq = object.node(path);
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const end = last ? lastEnd(last) : undefined;
  if (end === undefined) return undefined;
  const { text } = object.chunk;
  const indent = columnOf(text, seq.range[0]);
  const item = lines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`));
  return insertion(object, nextLineStart(text, end), item, indent);
}

/** Replaces the scalar at a path. */
export function replaceValue(object: LintObject, path: Path, newText: string): TextEdit | undefined {
  if (!object.withFixes) return undefined;
  const node = object.node(path);
  if (!node?.range) return undefined;
  return {
    uri: object.uri,
    range: rangeIn(object.parsed, object.chunk.startLine, node.range[0], node.range[1]),
    newText,
  };
}

/** Deletes the whole line(s) of a `key: value` pair whose value is a scalar. */
export function deletePair(object: LintObject, path: Path): TextEdit | undefined {
  if (!object.withFixes) return undefined;
  const pair = object.pair(path);
  const key = pair?.key;
  const value = pair?.value;
  if (!key?.range || !value?.range) return undefined;
  const { text } = object.chunk;
  const start = text.lastIndexOf('\n', key.range[0] - 1) + 1;
  const end = nextLineStart(text, value.range[1]);
  return { uri: object.uri, range: rangeIn(object.parsed, object.chunk.startLine, start, end), newText: '' };
}
