import { dig, str } from '../access';
import { cronProblem } from '../cron';
import type { Rule } from '../rule';

const FORMAT =
  'five fields (minute hour day-of-month month day-of-week, e.g. "*/30 * * * *") or a macro such as @hourly';

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
      });
    }
  },
};
