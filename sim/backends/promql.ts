// The part of PromQL the simulated Prometheus (a stand-in, NOT Prometheus) evaluates: what the stack's dashboards
// ask for. Selectors with =, !=, =~, !~; rate, irate, increase and changes over a range; sum/avg/min/max/count
// with `by (...)`; histogram_quantile; number literals. Anything else is a parse error (HTTP 400, bad_data), as
// Prometheus answers a query it cannot parse.
import { re2, type Labels } from './logql';

/** One sample of an instant vector. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

/** A sample of a stored series: a gauge's value, or a counter's per-second rate (`value`) and its total. */
export type SeriesSample = Sample & { counter: boolean; total?: number };

/** Where series come from, at a time (ms). */
export interface SeriesSource {
  select(metric: string, matches: (labels: Labels) => boolean, at: number): SeriesSample[];
  /** How often a series' value changed within the window ending at `at` (for changes()). */
  changes(metric: string, matches: (labels: Labels) => boolean, at: number, windowMs: number): Sample[];
}

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'selector'; metric: string; matches: (labels: Labels) => boolean; rangeMs?: number }
  | { kind: 'call'; fn: string; args: Expr[] }
  | { kind: 'aggregate'; op: string; by: string[]; arg: Expr };

const AGGREGATES = new Set(['sum', 'avg', 'min', 'max', 'count']);
const RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'changes']);
const UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 };

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new Error(
      `parse error at char ${this.at + 1}: ${what} (the simulated Prometheus understands a PromQL subset)`,
    );
  }

  private skip(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  peek(pattern: RegExp): RegExpExecArray | null {
    this.skip();
    return new RegExp(`^(?:${pattern.source})`).exec(this.text.slice(this.at));
  }

  take(pattern: RegExp, what: string): string {
    const match = this.peek(pattern);
    if (!match) this.fail(`expected ${what}`);
    this.at += match[0].length;
    return match[0];
  }

  done(): boolean {
    this.skip();
    return this.at >= this.text.length;
  }

  expr(): Expr {
    if (this.peek(/[0-9.]+(?![\w])/)) return { kind: 'number', value: Number(this.take(/[0-9.]+/, 'a number')) };
    const name = this.take(/[a-zA-Z_:][\w:]*/, 'a metric name or function');
    if (AGGREGATES.has(name)) return this.aggregate(name);
    if (this.peek(/\(/)) return this.call(name);
    return this.selector(name);
  }

  private labelList(): string[] {
    this.take(/\(/, '(');
    const labels: string[] = [];
    while (!this.peek(/\)/)) {
      labels.push(this.take(/[a-zA-Z_]\w*/, 'a label name'));
      if (this.peek(/,/)) this.take(/,/, ',');
    }
    this.take(/\)/, ')');
    return labels;
  }

  private aggregate(op: string): Expr {
    let by = this.peek(/by\b/) ? (this.take(/by/, 'by'), this.labelList()) : undefined;
    this.take(/\(/, '(');
    const arg = this.expr();
    this.take(/\)/, ')');
    if (!by && this.peek(/by\b/)) by = (this.take(/by/, 'by'), this.labelList());
    return { kind: 'aggregate', op, by: by ?? [], arg };
  }

  private call(fn: string): Expr {
    if (!RANGE_FUNCTIONS.has(fn) && fn !== 'histogram_quantile') this.fail(`unknown function "${fn}"`);
    this.take(/\(/, '(');
    const args = [this.expr()];
    while (this.peek(/,/)) {
      this.take(/,/, ',');
      args.push(this.expr());
    }
    this.take(/\)/, ')');
    return { kind: 'call', fn, args };
  }

  private selector(metric: string): Expr {
    const tests: Array<(labels: Labels) => boolean> = [];
    if (this.peek(/\{/)) {
      this.take(/\{/, '{');
      while (!this.peek(/\}/)) {
        tests.push(this.matcher());
        if (this.peek(/,/)) this.take(/,/, ',');
      }
      this.take(/\}/, '}');
    }
    const matches = (labels: Labels) => tests.every((t) => t(labels));
    if (!this.peek(/\[/)) return { kind: 'selector', metric, matches };
    this.take(/\[/, '[');
    const [, amount, unit] = /^(\d+)(ms|s|m|h|d|w)$/.exec(this.take(/\d+(?:ms|s|m|h|d|w)/, 'a duration')) ?? [];
    this.take(/\]/, ']');
    return { kind: 'selector', metric, matches, rangeMs: Number(amount) * (UNITS[unit ?? 's'] ?? 1e3) };
  }

  private matcher(): (labels: Labels) => boolean {
    const name = this.take(/[a-zA-Z_]\w*/, 'a label name');
    const op = this.take(/=~|!~|!=|=/, 'a matcher operator');
    const value = JSON.parse(this.take(/"(?:[^"\\]|\\.)*"/, 'a quoted label value')) as string;
    const re = op.includes('~') ? re2(value, true) : undefined;
    return (labels) => {
      const v = labels[name] ?? '';
      return op === '=' ? v === value : op === '!=' ? v !== value : op === '=~' ? re!.test(v) : !re!.test(v);
    };
  }
}

export function parsePromQL(text: string): Expr {
  const parser = new Parser(text);
  const expr = parser.expr();
  if (!parser.done()) parser.fail('unexpected input');
  return expr;
}

const keyOf = (labels: Labels): string => JSON.stringify(Object.entries(labels).sort());

function aggregate(op: string, by: string[], samples: Sample[]): Sample[] {
  const groups = new Map<string, { labels: Labels; values: number[] }>();
  for (const s of samples) {
    const labels = Object.fromEntries(by.flatMap((l) => (s.labels[l] === undefined ? [] : [[l, s.labels[l]]])));
    const key = keyOf(labels);
    const group = groups.get(key) ?? { labels, values: [] };
    groups.set(key, group);
    group.values.push(s.value);
  }
  const fold = (v: number[]): number =>
    op === 'sum'
      ? v.reduce((a, b) => a + b, 0)
      : op === 'avg'
        ? v.reduce((a, b) => a + b, 0) / v.length
        : op === 'min'
          ? Math.min(...v)
          : op === 'max'
            ? Math.max(...v)
            : v.length;
  return [...groups.values()].map((g) => ({ labels: g.labels, value: fold(g.values) }));
}

/** Prometheus' histogram_quantile: linear interpolation inside the bucket that holds the rank. */
function quantile(q: number, buckets: Sample[]): Sample[] {
  const groups = new Map<string, { labels: Labels; buckets: Array<[number, number]> }>();
  for (const b of buckets) {
    const { le, ...rest } = b.labels;
    if (le === undefined) continue;
    const key = keyOf(rest);
    const group = groups.get(key) ?? { labels: rest, buckets: [] };
    groups.set(key, group);
    group.buckets.push([le === '+Inf' ? Infinity : Number(le), b.value]);
  }
  return [...groups.values()].flatMap((g) => {
    const sorted = g.buckets.sort((a, b) => a[0] - b[0]);
    const total = sorted[sorted.length - 1]?.[1] ?? 0;
    if (total <= 0) return [];
    const rank = q * total;
    const index = sorted.findIndex(([, count]) => count >= rank);
    const [upper, count] = sorted[index]!;
    const [lower, below] = index > 0 ? sorted[index - 1]! : [0, 0];
    if (upper === Infinity) return [{ labels: g.labels, value: lower }];
    return [{ labels: g.labels, value: lower + (upper - lower) * ((rank - below) / (count - below || 1)) }];
  });
}

function rangeCall(fn: string, arg: Expr, source: SeriesSource, at: number): Sample[] {
  if (arg.kind !== 'selector' || arg.rangeMs === undefined)
    throw new Error(`${fn}: expected a range vector such as metric[5m]`);
  if (fn === 'changes') return source.changes(arg.metric, arg.matches, at, arg.rangeMs);
  const counters = source.select(arg.metric, arg.matches, at).filter((s) => s.counter);
  const scale = fn === 'increase' ? arg.rangeMs / 1000 : 1;
  return counters.map((s) => ({ labels: s.labels, value: s.value * scale }));
}

/** The instant vector of an expression at `at` (ms). */
export function evaluate(expr: Expr, source: SeriesSource, at: number): Sample[] {
  switch (expr.kind) {
    case 'number':
      return [{ labels: {}, value: expr.value }];
    case 'selector':
      if (expr.rangeMs !== undefined) throw new Error('a range vector cannot be drawn; wrap it in rate() or similar');
      return source
        .select(expr.metric, expr.matches, at)
        .map((s) => ({ labels: { __name__: expr.metric, ...s.labels }, value: s.counter ? (s.total ?? 0) : s.value }));
    case 'aggregate':
      return aggregate(expr.op, expr.by, evaluate(expr.arg, source, at));
    case 'call': {
      if (expr.fn !== 'histogram_quantile') return rangeCall(expr.fn, expr.args[0]!, source, at);
      const [q, inner] = expr.args;
      if (q?.kind !== 'number' || !inner) throw new Error('histogram_quantile(φ, buckets): expected a number first');
      return quantile(q.value, evaluate(inner, source, at));
    }
  }
}
