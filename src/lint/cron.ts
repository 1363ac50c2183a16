/**
 * The cron syntax the API server accepts in a CronJob's schedule: robfig/cron's ParseStandard (five fields, or a
 * `@` macro), which pkg/apis/batch/validation calls. Returns why a schedule is rejected, or undefined.
 */

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { name: 'day of week', min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** Go's time.ParseDuration: one or more number+unit pairs, e.g. 1h30m. */
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;

/** Go's strconv.Atoi, then robfig's "negative number" check. */
function integer(text: string): number | string {
  if (!/^[-+]?\d+$/.test(text)) return `"${text}" is not a number`;
  const n = Number(text);
  return n < 0 ? `negative number (${n}) not allowed` : n;
}

function value(text: string, field: Field): number | string {
  const named = field.names?.[text.toLowerCase()];
  return named ?? integer(text);
}

/** One comma-separated part of a field: `*`, `?`, `n`, `a-b`, each with an optional `/step`. */
function checkRange(expr: string, field: Field): string | undefined {
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) return `too many slashes in "${expr}"`;
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start = field.min;
  let end = field.max;
  if (lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') {
    if (lowAndHigh.length > 2) return `too many hyphens in "${expr}"`;
    const low = value(lowAndHigh[0] ?? '', field);
    if (typeof low === 'string') return low;
    const high = lowAndHigh.length === 2 ? value(lowAndHigh[1] ?? '', field) : low;
    if (typeof high === 'string') return high;
    [start, end] = [low, rangeAndStep.length === 2 && lowAndHigh.length === 1 ? field.max : high];
  }
  if (rangeAndStep.length === 2) {
    const step = integer(rangeAndStep[1] ?? '');
    if (typeof step === 'string') return step;
    if (step === 0) return 'step of range should be a positive number';
  }
  if (start < field.min) return `beginning of range (${start}) below minimum (${field.min})`;
  if (end > field.max) return `end of range (${end}) above maximum (${field.max})`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end})`;
  return undefined;
}

/** Why robfig/cron's standard parser rejects a schedule, or undefined when it accepts it. */
export function cronProblem(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec === '') return 'empty schedule';
  if (/^(CRON_)?TZ=/.test(spec)) spec = spec.includes(' ') ? spec.slice(spec.indexOf(' ')).trim() : '';
  if (spec.startsWith('@')) {
    if (MACROS.has(spec)) return undefined;
    if (spec.startsWith('@every ') && DURATION.test(spec.slice('@every '.length).trim())) return undefined;
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== FIELDS.length) return `expected exactly 5 fields, found ${fields.length}`;
  for (const [i, text] of fields.entries()) {
    const field = FIELDS[i];
    if (!field) continue;
    for (const part of text.split(',')) {
      const problem = checkRange(part, field);
      if (problem) return `${field.name}: ${problem}`;
    }
  }
  return undefined;
}
