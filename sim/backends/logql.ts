// The part of LogQL the simulated Loki (a stand-in) understands: a stream selector with =, !=, =~, !~
// and a pipeline of line filters |=, !=, |~, !~. Enough for what the panel builds; anything else is a 400,
// as Loki answers a query it cannot parse.

export type Labels = Readonly<Record<string, string>>;

interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}
interface LineFilter {
  op: '|=' | '!=' | '|~' | '!~';
  value: string;
}

export interface ParsedQuery {
  matches(labels: Labels): boolean;
  keeps(line: string): boolean;
}

/** Go-style string literal ("…" with escapes, or `raw`), as LogQL writes them. */
function readString(text: string, at: number): { value: string; end: number } {
  if (text[at] === '`') {
    const end = text.indexOf('`', at + 1);
    if (end < 0) throw new Error('unterminated raw string');
    return { value: text.slice(at + 1, end), end: end + 1 };
  }
  const match = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(at));
  if (!match) throw new Error(`expected a string at ${at}`);
  return { value: JSON.parse(match[0]) as string, end: at + match[0].length };
}

/** RE2's leading (?i) is a JS flag. Loki anchors label regexes, not line regexes. */
export function re2(pattern: string, anchored: boolean): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  const body = insensitive ? pattern.slice(4) : pattern;
  return new RegExp(anchored ? `^(?:${body})$` : body, insensitive ? 'i' : '');
}

function parseSelector(text: string): { matchers: Matcher[]; end: number } {
  let at = text.indexOf('{');
  if (at < 0) throw new Error('parse error: queries require at least one stream selector');
  at++;
  const matchers: Matcher[] = [];
  for (;;) {
    const head = /^\s*(?:(\})|([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*)/.exec(text.slice(at));
    if (!head) throw new Error(`parse error at ${at}`);
    at += head[0].length;
    if (head[1]) return { matchers, end: at };
    const str = readString(text, at);
    matchers.push({ name: head[2]!, op: head[3] as Matcher['op'], value: str.value });
    at = str.end;
    const sep = /^\s*,?/.exec(text.slice(at));
    at += sep?.[0].length ?? 0;
  }
}

function parseFilters(text: string): LineFilter[] {
  const filters: LineFilter[] = [];
  let at = 0;
  while (at < text.length) {
    const head = /^\s*(\|=|!=|\|~|!~)\s*/.exec(text.slice(at));
    if (!head) {
      if (/^\s*$/.test(text.slice(at))) break;
      throw new Error(`parse error: unsupported pipeline stage near "${text.slice(at, at + 20)}"`);
    }
    at += head[0].length;
    const str = readString(text, at);
    filters.push({ op: head[1] as LineFilter['op'], value: str.value });
    at = str.end;
  }
  return filters;
}

export function parseLogQuery(query: string): ParsedQuery {
  const { matchers, end } = parseSelector(query);
  if (matchers.length === 0 || matchers.every((m) => (m.op === '=~' && re2(m.value, true).test('')) || m.op === '!=')) {
    throw new Error(
      'parse error: queries require at least one regexp or equality matcher that does not have an empty-compatible value',
    );
  }
  const labelTests = matchers.map((m) => {
    const re = m.op === '=~' || m.op === '!~' ? re2(m.value, true) : undefined;
    return (labels: Labels) => {
      const v = labels[m.name] ?? '';
      return m.op === '=' ? v === m.value : m.op === '!=' ? v !== m.value : m.op === '=~' ? re!.test(v) : !re!.test(v);
    };
  });
  const lineTests = parseFilters(query.slice(end)).map((f) => {
    const re = f.op === '|~' || f.op === '!~' ? re2(f.value, false) : undefined;
    return (line: string) =>
      f.op === '|='
        ? line.includes(f.value)
        : f.op === '!='
          ? !line.includes(f.value)
          : f.op === '|~'
            ? re!.test(line)
            : !re!.test(line);
  });
  return { matches: (labels) => labelTests.every((t) => t(labels)), keeps: (line) => lineTests.every((t) => t(line)) };
}
