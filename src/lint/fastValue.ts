// A fast reader of one document's value for the linter. `yaml` builds a full document model with every node's source
// range, and that was about half of `starter-stack lint`'s time (profiled on 400 files). Most documents only need their
// value: node ranges are wanted for the places findings point at, and most documents have no finding. js-yaml (a
// maintained library, already in the tree through @kubernetes/client-node; src/kube/manifestReader.ts reads apply's
// manifests with it) reads the value several times faster. It is given the scalar rules of `yaml`'s YAML 1.1 schema
// (copied from yaml/dist/schema/yaml-1.1), so both agree on `yes`, `0777`, `1_000`, `.inf`. Whatever the two could
// read differently, and whatever `yaml` might warn or err about, is left to `yaml` (see LEFT_TO_YAML): the value is
// then undefined and the caller parses with `yaml` as before. test/unit/lint/fastValue.test.ts checks both agree.
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import { FLOAT_NAN, NULL_TYPE, nanOrInfinity, scalarType as scalar } from '../util/yamlScalars';

/** Thrown for a scalar this reader leaves to `yaml` (dates, sexagesimal numbers): the whole document goes to `yaml`. */
class LeftToYaml extends Error {}
const leaveToYaml = (): never => {
  throw new LeftToYaml();
};

// yaml's 1.1 schema tags, in its order: null, bool, int (binary, octal, decimal, hex), float (nan/inf, exponent,
// decimal), then sexagesimal numbers and timestamps.
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

/** yaml's intResolve: the sign, then the digits after `offset` characters of prefix, underscores dropped. */
function toInt(s: string, offset: number, radix: number): number {
  const sign = s[0];
  const start = sign === '-' || sign === '+' ? offset + 1 : offset;
  const n = parseInt(s.substring(start).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

const KUBE_1_1_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    NULL_TYPE,
    scalar(
      'bool',
      (s) => TRUE.test(s) || FALSE.test(s),
      (s) => TRUE.test(s),
    ),
    scalar(
      'int',
      (s) => INT_BIN.test(s) || INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s),
      (s) =>
        INT_BIN.test(s)
          ? toInt(s, 2, 2)
          : INT_OCT.test(s)
            ? toInt(s, 1, 8)
            : INT.test(s)
              ? toInt(s, 0, 10)
              : toInt(s, 2, 16),
    ),
    scalar(
      'float',
      (s) => FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s),
      (s) => (FLOAT_NAN.test(s) ? nanOrInfinity(s) : parseFloat(s.replace(/_/g, ''))),
    ),
    scalar('timestamp', (s) => SEXAGESIMAL.test(s) || TIMESTAMP.test(s), leaveToYaml),
  ],
});

/**
 * Where the two libraries could disagree, or `yaml` could report an error or a warning js-yaml does not: a directive,
 * a tag, an anchor or alias, an explicit `?` key, a collection or null key, a merge key (`<<`), `__proto__`, a comment
 * glued to a quoted scalar or a flow collection, a key over 1,024 characters. A false alarm only costs speed.
 */
const LEFT_TO_YAML_ANYWHERE = [
  /^%/m,
  // A document end marker, or a line that starts like a document marker without being one (`-----`).
  /^(?:\.\.\.|---[^\s]|---[ \t]+[^\s#])/m,
  // A byte order mark: `yaml` reads a sequence or an indented line right after it as an error.
  /\t|\r(?!\n)|\uFEFF/,
];

/** The same, looked for outside block scalars (`|`, `>`): their lines are text to both libraries. */
const LEFT_TO_YAML = [
  /(?:^|[\s,[{])[!&*]/,
  /(?:^|[\s,[{])\?(?:\s|$)/,
  // A null key (`: x`, `~: x`, `{:}`); blanks before the colon are matched as the separator, which keeps the
  // regular expression from rescanning every run of indentation.
  /(?:^|[\s,[{])(?:(?:~|[Nn]ull|NULL)[ \t]*)?:(?:[ \t,\]}]|$)/m,
  /[\]}][ \t]*:/,
  // A flow collection inside a flow mapping or after a comma: it may be a key.
  /[{,][ \t]*[{[]/,
  /<<|__proto__/,
  /["'\]}]#/,
  // An empty sequence item (or one whose value is `-`), a comment may follow: the two differ on what a less indented
  // line after it is.
  /^[ ]*(?:-[ ]+)*-(?:[ ]+#[^\n]*)?[ ]*\r?$/m,
  // A quoted scalar that goes on to the next line (`yaml` wants its lines indented more than its key).
  /(?:^|[\s:,[{-])"(?:[^"\\\n]|\\.)*\\?$/m,
  /(?:^|[\s:,[{-])'(?:[^'\n]|'')*$/m,
];

/** A line that ends with a block scalar's header (`key: |`, `- >-`, `|2`); its key is neither a comment nor quoted. */
const BLOCK_HEADER = /^([ \t]*(?:-[ \t]+)*)(?:[^\s#"'-][^#"'\n]*?:[ \t]+)?[|>][0-9+-]*[ \t]*(?:#[^\n]*)?$/gm;
const ANY_BLOCK_HEADER = /[|>][0-9+-]*[ \t]*(?:#[^\n]*)?$/m;

/**
 * The text with the lines of its block scalars left empty: what LEFT_TO_YAML looks at. A block scalar's lines are
 * those after its header that are blank or indented more than the header's key; fewer lines are emptied when in
 * doubt (a `- |` item's lines are counted from the `|`), which only leaves more for the checks to look at.
 */
function outsideBlockScalars(text: string): string {
  if (!ANY_BLOCK_HEADER.test(text)) return text;
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(BLOCK_HEADER)) {
    const indent = (match[1] ?? '').length;
    let offset = (match.index ?? 0) + match[0].length + 1;
    const start = offset;
    while (offset < text.length) {
      const newline = text.indexOf('\n', offset);
      const end = newline === -1 ? text.length : newline;
      let spaces = 0;
      while (text.charCodeAt(offset + spaces) === 0x20) spaces++;
      if (offset + spaces < end && text.charCodeAt(offset + spaces) !== 0x0d && spaces <= indent) break;
      offset = end + 1;
    }
    if (offset <= start || start < copied) continue;
    out += text.slice(copied, start);
    copied = Math.min(offset, text.length);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Keys over 1,024 characters are an error to `yaml`: any line that long is left to it. */
function hasLongLine(text: string): boolean {
  if (text.length < 1024) return false;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start >= 1024) return true;
    start = end + 1;
  }
  return false;
}

const COMMENT_LINE = /^[ ]*#/m;
/** What starts a block collection: a sequence item, or a plain key and its colon. */
const BLOCK_COLLECTION = /^(?:-(?:[ \r]|$)|[^\s#"'[{!&*|>?%@`-][^#]*?:(?:[ \r]|$))/;

/**
 * True when a comment line stands left of a scalar on a line below it (`kind:\n#c\n  Pod`). When the comment is not
 * right of the scalar's key, `yaml` reads the scalar and the lines after it as one multi-line key (an error) and
 * js-yaml reads the scalar alone. A collection below the comment is read alike by both, and blank lines alone change
 * nothing; a comment right of the key is fine too, but rare enough to leave to `yaml` with the rest.
 */
function hasCommentLeftOfScalar(text: string): boolean {
  if (!COMMENT_LINE.test(text)) return false;
  /** The smallest column of the comment lines since the last line with content. */
  let comment = Infinity;
  for (let at = 0; at < text.length;) {
    let content = at;
    while (text.charCodeAt(content) === 0x20) content++;
    const newline = text.indexOf('\n', content);
    const end = newline === -1 ? text.length : newline;
    const c = text.charCodeAt(content);
    if (c === 0x23) comment = Math.min(comment, content - at);
    else if (content < end && c !== 0x0d) {
      if (content - at > comment && !BLOCK_COLLECTION.test(text.slice(content, end))) return true;
      comment = Infinity;
    }
    at = end + 1;
  }
  return false;
}

const FLOW = /[[\]{}]/;
const FLOW_LINE = /^[^\n]*[[\]{}][^\n]*$/gm;

/** True when some line opens a flow collection it does not close (or closes one it did not open). */
function hasMultiLineFlow(text: string): boolean {
  if (!FLOW.test(text)) return false;
  for (const [line] of text.matchAll(FLOW_LINE)) {
    let depth = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) depth--;
    }
    if (depth !== 0) return true;
  }
  return false;
}

/**
 * The value of one document (a chunk of splitDocuments) as `yaml`'s `parseDocument(text, { version: '1.1' }).toJS()`
 * gives it, when `yaml` would report neither an error nor a warning; undefined when `yaml` must read it.
 */
export function fastValue(text: string): { value: unknown } | undefined {
  if (LEFT_TO_YAML_ANYWHERE.some((pattern) => pattern.test(text)) || hasLongLine(text)) return undefined;
  const structure = outsideBlockScalars(text);
  if (
    LEFT_TO_YAML.some((pattern) => pattern.test(structure)) ||
    hasMultiLineFlow(structure) ||
    hasCommentLeftOfScalar(structure)
  )
    return undefined;
  try {
    const value: unknown = load(text, { schema: KUBE_1_1_SCHEMA });
    return { value: value === undefined ? null : value };
  } catch {
    return undefined;
  }
}
