import { dig, str } from '../access';
import { cronProblem } from '../cron';
import { insertIntoMapping, replaceValue } from '../fixes';
import type { LintObject } from '../object';
import type { Rule } from '../rule';
import type { QuickFix } from '../types';

const FORMAT =
  'five fields (minute hour day-of-month month day-of-week, e.g. "*/30 * * * *") or a macro such as @hourly';

/** Moves `TZ=Zone` (or `CRON_TZ=Zone`) from the schedule to spec.timeZone, when timeZone is not set yet. */
function timeZoneFix(object: LintObject, schedule: string): QuickFix[] {
  const match = /^\s*(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(schedule);
  if (!match?.[1] || !match[2] || dig(object.value, 'spec', 'timeZone') !== undefined) return [];
  const rest = replaceValue(object, ['spec', 'schedule'], JSON.stringify(match[2].trim()));
  const zone = insertIntoMapping(object, ['spec'], [`timeZone: ${JSON.stringify(match[1])}`]);
  return rest && zone
    ? [{ title: `Set timeZone: ${match[1]} and remove it from the schedule`, edits: [rest, zone] }]
    : [];
}

export const cronSchedule: Rule = {
  id: 'cron-schedule',
  defaultSeverity: 'error',
  title: "A CronJob's schedule is not a cron expression the API server accepts",
  docs: 'The API server parses spec.schedule as standard cron: five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT) with *, ranges, lists and steps, or @yearly, @monthly, @weekly, @daily, @hourly, @every <duration>. Anything else is rejected. Since Kubernetes 1.29 it also rejects a new CronJob whose schedule sets TZ= or CRON_TZ=: set spec.timeZone instead.',
  crossObject: false,
  check(object, context) {
    if (object.kind !== 'CronJob') return;
    const schedule = str(dig(object.value, 'spec', 'schedule'));
    if (schedule === undefined) return;
    const range = object.rangeOf(['spec', 'schedule']);
    const problem = cronProblem(schedule);
    if (problem) {
      context.report({
        range,
        message: `Schedule "${schedule}" is not a valid cron expression (${problem}): it must be ${FORMAT}.`,
      });
      return;
    }
    if (schedule.includes('TZ')) {
      context.report({
        range,
        message: `Schedule "${schedule}" sets its time zone with TZ/CRON_TZ, which Kubernetes 1.29+ rejects on create: set spec.timeZone (e.g. timeZone: Etc/UTC) and remove it from the schedule.`,
        fixes: timeZoneFix(object, schedule),
      });
    }
  },
};
