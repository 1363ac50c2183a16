// Finds where a scalar of a document is written without `yaml`'s document model. Every finding needs the range of
// the node it points at, and building `yaml`'s model for the documents with a finding was a third of the CPU time of
// `starter-stack lint` on 400 files (its parser runs cold in a short process). Most findings point at a scalar (a
// name, an image, a port) or at a key; their ranges do not depend on where `yaml` attaches comments, so they are read
// here from the text: the start and end of the scalar's token, as `yaml` gives them. Only documents js-yaml read on
// the fast path come here (no tabs, anchors, tags, multi-line flow collections or quoted scalars: see fastValue.ts),
// and anything else this reader is unsure of (collections, block scalars, multi-line plain scalars, null values,
// keys that are not plain strings, `\r\n` line ends) answers `undefined`: the caller asks `yaml` then, as before.
// test/unit/lint/locate.test.ts checks it against `yaml` on every document of the fixtures.
import type { Path } from './parse';

/** A scalar's offsets in the document, or the path leads nowhere (`yaml`'s nodeAt would give undefined). */
export type Located = { readonly start: number; readonly end: number } | 'missing';

interface Line {
  readonly start: number;
  /** Offset of the first character that is not a space (the end for a blank line). */
  readonly content: number;
  /** Offset of the line's `\n`, or the text's length. */
  readonly end: number;
}

/** Where a node starts: a block collection (its first key or dash) or something written on a line. */
interface Place {
  /** The line the node starts on, as an index into the lines. */
  readonly line: number;
  /** Offset of its first character. */
  readonly at: number;
  /** Indentation a continuation line must exceed to belong to this node (its parent's). */
  readonly parentIndent: number;
  /** Comments or blank lines come between it and its key: fine for a collection, left to yaml for a scalar. */
  readonly apart?: boolean;
}

const BOOL_OR_NULL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
/** A plain key this reader takes for a string: anything that could resolve to a number, a date or a bool is not. */
const STRING_KEY = /^[A-Za-z_$/][^:#]*$/;

/** Reads scalar positions of one document's text; `undefined` from any method means "ask yaml". */
export class ScalarLocator {
  private readonly lines: Line[] = [];
  /** Lines end in `\n` alone: `\r\n` files are left to yaml. */
  private readonly plain: boolean;

  constructor(private readonly text: string) {
    this.plain = !text.includes('\r');
    for (let start = 0; start <= text.length;) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      let content = start;
      while (content < end && text.charCodeAt(content) === 0x20) content++;
      this.lines.push({ start, content, end });
      if (newline === -1) break;
      start = newline + 1;
    }
  }

  /** The range of the scalar value at a path. */
  value(path: Path): Located | undefined {
    if (!this.plain) return undefined;
    const place = this.find(path);
    if (place === undefined || place === 'missing') return place;
    return this.scalarAt(place);
  }

  /** The range of the key that ends a path, when its parent is a block mapping; 'missing' when it has no such key. */
  key(path: Path): Located | undefined {
    const last = path[path.length - 1];
    if (typeof last !== 'string' || !this.plain) return undefined;
    const parent = this.find(path.slice(0, -1));
    if (parent === undefined || parent === 'missing') return parent;
    const entry = this.mapEntry(parent, last);
    if (entry === undefined || entry === 'missing') return entry;
    return { start: entry.keyStart, end: entry.keyEnd };
  }

  private find(path: Path): Place | 'missing' | undefined {
    let place: Place | 'missing' | undefined = this.root();
    for (const step of path) {
      if (place === undefined || place === 'missing') return place;
      if (typeof step === 'number') {
        place = this.seqItem(place, step);
        continue;
      }
      const entry = this.mapEntry(place, step);
      place = entry === undefined || entry === 'missing' ? entry : this.valueOf(entry);
    }
    return place;
  }

  private isBlank(line: Line): boolean {
    return line.content === line.end;
  }

  private isComment(line: Line): boolean {
    return this.text.charCodeAt(line.content) === 0x23;
  }

  /** The next line at or after `from` that holds content (not blank, not only a comment). */
  private nextContent(from: number): number | undefined {
    for (let i = from; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (line && !this.isBlank(line) && !this.isComment(line)) return i;
    }
    return undefined;
  }

  private root(): Place | undefined {
    let first = this.nextContent(0);
    const marker = first === undefined ? undefined : this.lines[first];
    if (marker && this.text.startsWith('---', marker.content) && marker.content === marker.start)
      first = this.nextContent((first ?? 0) + 1);
    const line = first === undefined ? undefined : this.lines[first];
    if (first === undefined || !line) return undefined;
    return { line: first, at: line.content, parentIndent: -1 };
  }

  private column(place: Place): number {
    return place.at - (this.lines[place.line]?.start ?? 0);
  }

  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === 0x2d && this.text.charCodeAt(at + 1) === 0x20;
  }

  /**
   * The content lines of the block collection that starts at `place`, up to the first line indented less: each line's
   * index, where its content starts (`place.at` on the first line), and whether it is indented more than the block.
   */
  private *block(place: Place): Generator<{ index: number; line: Line; at: number; deeper: boolean }> {
    const indent = this.column(place);
    for (let i: number | undefined = place.line; i !== undefined; i = this.nextContent(i + 1)) {
      const line = this.lines[i];
      if (!line) return;
      if (i === place.line) {
        yield { index: i, line, at: place.at, deeper: false };
        continue;
      }
      const lineIndent = line.content - line.start;
      if (lineIndent < indent) return;
      yield { index: i, line, at: line.content, deeper: lineIndent > indent };
    }
  }

  /** Item `index` of the block sequence that starts at `place`; undefined when it is not one. */
  private seqItem(place: Place, index: number): Place | 'missing' | undefined {
    if (!this.isDash(place.at)) return undefined;
    const indent = this.column(place);
    let count = 0;
    for (const { index: i, line, at, deeper } of this.block(place)) {
      if (deeper) continue;
      if (!this.isDash(at)) break;
      if (count++ === index) {
        let value = at + 2;
        while (this.text.charCodeAt(value) === 0x20) value++;
        if (value >= line.end || this.text.charCodeAt(value) === 0x23) return undefined;
        return { line: i, at: value, parentIndent: indent };
      }
    }
    return 'missing';
  }

  /** A `key:` written at `at`: the key's offsets, its decoded text and where its value starts on the line. */
  private keyAt(at: number): { keyStart: number; keyEnd: number; name: string; after: number } | undefined {
    const { text } = this;
    const quote = text[at];
    const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    let keyEnd: number;
    let name: string;
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, at + 1);
      if (close === -1 || close > lineEnd) return undefined;
      name = text.slice(at + 1, close);
      // Escapes and '' are left to yaml.
      if (name.includes('\\') || (quote === "'" && text[close + 1] === "'")) return undefined;
      keyEnd = close + 1;
      let colon = keyEnd;
      while (text[colon] === ' ') colon++;
      if (text[colon] !== ':') return undefined;
      return this.afterColon(at, keyEnd, name, colon, lineEnd);
    }
    for (let i = at; i < lineEnd; i++) {
      const c = text[i];
      if (c === '#' && text[i - 1] === ' ') return undefined;
      if (c === ':' && (i + 1 === lineEnd || text[i + 1] === ' ')) {
        keyEnd = i;
        while (keyEnd > at && text[keyEnd - 1] === ' ') keyEnd--;
        name = text.slice(at, keyEnd);
        if (!STRING_KEY.test(name) || BOOL_OR_NULL.test(name)) return undefined;
        return this.afterColon(at, keyEnd, name, i, lineEnd);
      }
    }
    return undefined;
  }

  private afterColon(keyStart: number, keyEnd: number, name: string, colon: number, lineEnd: number) {
    let after = colon + 1;
    while (after < lineEnd && this.text[after] === ' ') after++;
    return { keyStart, keyEnd, name, after };
  }

  /** The entry `name` of the block mapping at `place`. */
  private mapEntry(
    place: Place,
    name: string,
  ): { keyStart: number; keyEnd: number; after: number; line: number; indent: number } | 'missing' | undefined {
    if (this.isDash(place.at)) return undefined;
    const first = this.keyAt(place.at);
    if (!first) return undefined;
    const indent = this.column(place);
    for (const { index, at, deeper } of this.block(place)) {
      // Deeper lines belong to a value; a dash at the mapping's own column is a sequence under the previous key.
      if (deeper || (index !== place.line && this.isDash(at))) continue;
      const key = this.keyAt(at);
      if (!key) return undefined;
      if (key.name === name) return { ...key, line: index, indent };
    }
    return 'missing';
  }

  /** Where the value of a mapping entry starts: on the key's line, or the block under it. */
  private valueOf(entry: { after: number; line: number; indent: number }): Place | undefined {
    const line = this.lines[entry.line];
    if (!line) return undefined;
    if (entry.after < line.end && this.text[entry.after] !== '#')
      return { line: entry.line, at: entry.after, parentIndent: entry.indent };
    const next = this.nextContent(entry.line + 1);
    const below = next === undefined ? undefined : this.lines[next];
    if (next === undefined || !below) return undefined;
    const indent = below.content - below.start;
    const apart = next !== entry.line + 1 || entry.after < line.end;
    if (indent > entry.indent || (indent === entry.indent && this.isDash(below.content)))
      return { line: next, at: below.content, parentIndent: entry.indent, apart };
    // A null value: left to yaml.
    return undefined;
  }

  /** The range of a plain or quoted scalar written at `place`, when it is one line long. */
  private scalarAt(place: Place): Located | undefined {
    const { text } = this;
    const line = this.lines[place.line];
    if (!line) return undefined;
    const c = text[place.at];
    if (place.apart === true || this.isDash(place.at) || this.keyAt(place.at)) return undefined;
    let end: number;
    if (c === '"' || c === "'") {
      end = this.quotedEnd(place.at, line.end);
      if (end === -1) return undefined;
    } else {
      if (c === undefined || '[]{}|>&*!%@`#,?:'.includes(c)) return undefined;
      end = place.at;
      for (let i = place.at; i < line.end; i++) {
        if (text[i] === '#' && text[i - 1] === ' ') break;
        if (text[i] !== ' ') end = i + 1;
      }
      // Text that could be read as a key (`a:: b`) is a mapping to yaml, or an error: not a scalar.
      if (/:(?: |$)/.test(text.slice(place.at, end))) return undefined;
    }
    // Only spaces and a comment may follow on the line.
    let rest = end;
    while (rest < line.end && text[rest] === ' ') rest++;
    if (rest < line.end && (text[rest] !== '#' || rest === end)) return undefined;
    // A more indented line after a plain scalar continues it.
    const next = this.nextContent(place.line + 1);
    const nextLine = next === undefined ? undefined : this.lines[next];
    if (nextLine && nextLine.content - nextLine.start > place.parentIndent) return undefined;
    return { start: place.at, end };
  }

  /** The offset after a one-line quoted scalar's closing quote, or -1. */
  private quotedEnd(at: number, lineEnd: number): number {
    const { text } = this;
    const quote = text[at];
    for (let i = at + 1; i < lineEnd; i++) {
      if (quote === '"' && text[i] === '\\') i++;
      else if (text[i] === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }
}
