import {
  countsByKind,
  executeDelete,
  planDelete,
  planTargets,
  type DeletePlan,
  type DeleteReport,
  type DeleteResult,
} from '../kube/delete';
import { formatRef } from '../kube/objects';
import { noExtraPositionals, oneOf, parseOptions, usageErrorLine } from './args';
import { CLUSTER_OPTIONS, withSession } from './clusterArgs';
import { ExitCode, isUsageError, UsageError, type CliIo } from './io';

interface DeleteArgs {
  readonly namespace?: string;
  readonly includePvcs: boolean;
  /** Delete without asking. */
  readonly yes: boolean;
  /** Only list what would be deleted. */
  readonly dryRun: boolean;
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly output: 'text' | 'json';
}

export function parseDeleteArgs(argv: string[]): DeleteArgs {
  const { values, positionals } = parseOptions(argv, {
    ...CLUSTER_OPTIONS,
    'include-pvcs': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    'dry-run': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
  noExtraPositionals(positionals);
  if (values.yes === true && values['dry-run'] === true)
    throw new UsageError('--yes and --dry-run contradict each other: choose one');
  return {
    namespace: values.namespace,
    includePvcs: values['include-pvcs'] === true,
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    context: values.context,
    kubeconfig: values.kubeconfig,
    output: oneOf('output', values.output, ['text', 'json'], 'text'),
  };
}

/**
 * `starter-stack delete`: lists what the stack has in the namespace (and its own cluster-wide RBAC), asks, then
 * deletes. `--yes` skips the question; without a terminal and without `--yes` it only lists (a dry run) and exits 1,
 * so a script never mistakes it for a delete. 0 when everything listed was deleted (or `--dry-run`), 1 otherwise,
 * 2 on bad arguments.
 */
export async function deleteCommand(argv: string[], io: CliIo): Promise<number> {
  let args: DeleteArgs;
  try {
    args = parseDeleteArgs(argv);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.err(usageErrorLine('delete', e.message));
    return ExitCode.badArguments;
  }
  return withSession(args, io, 'delete', async (session) => {
    const { target, client } = session;
    const planned = await planDelete(client, { namespace: target.namespace, includePvcs: args.includePvcs });
    if (!planned.ok) {
      io.err(`starter-stack delete: ${planned.error}; nothing deleted`);
      return ExitCode.failed;
    }
    const plan = planned.value;
    if (io.signal?.aborted) {
      io.err('starter-stack delete: cancelled; nothing deleted');
      return ExitCode.interrupted;
    }
    const where = `namespace ${target.namespace} (context ${target.contextName})`;
    const text = args.output === 'text';
    if (text) printPlan(io, plan, where, args.includePvcs);
    const confirmed =
      planTargets(plan).length > 0 && !args.dryRun && (args.yes || (await confirm(io, plan, target.namespace)));
    if (!confirmed) {
      if (!text)
        io.out(
          JSON.stringify(
            {
              context: target.contextName,
              namespace: target.namespace,
              deleted: false,
              planned: planTargets(plan).map((t) => t.ref),
              listFailures: plan.listFailures,
            },
            null,
            2,
          ),
        );
      return notDeleted(io, plan, args, text);
    }
    const report = await executeDelete(client, plan, {
      signal: io.signal,
      onProgress: text ? (r) => io.out(resultLine(r)) : undefined,
    });
    if (text) printSummary(io, report, args.includePvcs);
    else
      io.out(
        JSON.stringify({ context: target.contextName, namespace: target.namespace, deleted: true, ...report }, null, 2),
      );
    const clean =
      report.interrupted === undefined &&
      report.listFailures.length === 0 &&
      report.results.every((r) => r.status === 'deleted' || r.status === 'not-found');
    return clean ? ExitCode.ok : ExitCode.failed;
  });
}

function printPlan(io: CliIo, plan: DeletePlan, where: string, includePvcs: boolean): void {
  const targets = planTargets(plan);
  for (const failure of plan.listFailures) io.out(`Could not list: ${failure}`);
  if (targets.length === 0) return io.out(`Nothing of the stack to delete in ${where}.`);
  io.out(
    `In ${where}, delete would remove ${targets.length} object(s) of the stack${includePvcs ? ', PersistentVolumeClaims included' : ''}:`,
  );
  io.out(
    `  ${countsByKind(plan)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ')}`,
  );
  for (const t of targets) io.out(`    ${formatRef(t.ref)}`);
}

/** Asks at the terminal; false without one. */
async function confirm(io: CliIo, plan: DeletePlan, namespace: string): Promise<boolean> {
  if (!io.ask) return false;
  const answer = await io.ask(`Delete these ${planTargets(plan).length} object(s) from namespace ${namespace}? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

/** Nothing was deleted: say why and what to do. Exit 0 only when nothing was asked for or a dry run was. */
function notDeleted(io: CliIo, plan: DeletePlan, args: DeleteArgs, text: boolean): number {
  const say = (line: string) => (text ? io.out(line) : io.err(line));
  if (planTargets(plan).length === 0) return plan.listFailures.length === 0 ? ExitCode.ok : ExitCode.failed;
  if (args.dryRun) {
    say('Dry run: nothing deleted.');
    return ExitCode.ok;
  }
  say(
    io.ask
      ? 'Nothing deleted.'
      : 'Nothing deleted: no terminal to ask on. Run again with --yes to delete these objects.',
  );
  return ExitCode.failed;
}

function resultLine(r: DeleteResult): string {
  return `  ${r.status.padEnd(9)} ${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name}${r.message ? ` — ${r.message}` : ''}`;
}

function printSummary(io: CliIo, report: DeleteReport, includePvcs: boolean): void {
  const deleted = report.results.filter((r) => r.status === 'deleted').length;
  const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'skipped').length;
  io.out(report.results.length === 0 ? 'Nothing to delete.' : `${deleted} deleted, ${failed} not deleted.`);
  for (const failure of report.listFailures) io.out(`Could not list: ${failure}`);
  if (report.interrupted) io.out(`Stopped: ${report.interrupted}. Re-running delete is safe.`);
  if (!includePvcs) io.out('PersistentVolumeClaims (database data) were kept; add --include-pvcs to delete them too.');
}
