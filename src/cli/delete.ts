import { deleteStack, type DeleteReport, type DeleteResult } from '../kube/delete';
import { STACK_SELECTOR } from '../kube/objects';
import { openCluster } from '../kube/session';
import { noExtraPositionals, oneOf, parseOptions, usageErrorLine } from './args';
import { ExitCode, isUsageError, type CliIo } from './io';

interface DeleteArgs {
  readonly namespace?: string;
  readonly includePvcs: boolean;
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly output: 'text' | 'json';
}

export function parseDeleteArgs(argv: string[]): DeleteArgs {
  const { values, positionals } = parseOptions(argv, {
    namespace: { type: 'string', short: 'n' },
    'include-pvcs': { type: 'boolean' },
    context: { type: 'string' },
    kubeconfig: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  noExtraPositionals(positionals);
  return {
    namespace: values.namespace,
    includePvcs: values['include-pvcs'] === true,
    context: values.context,
    kubeconfig: values.kubeconfig,
    output: oneOf('output', values.output, ['text', 'json'], 'text'),
  };
}

/** `starter-stack delete`: removes what the stack created; 0 when everything found was deleted, 1 otherwise, 2 on bad arguments. */
export async function deleteCommand(argv: string[], io: CliIo): Promise<number> {
  let args: DeleteArgs;
  try {
    args = parseDeleteArgs(argv);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.err(usageErrorLine('delete', e.message));
    return ExitCode.badArguments;
  }
  const session = await openCluster({ file: args.kubeconfig, context: args.context, namespace: args.namespace, env: io.env, cwd: io.cwd, home: io.env.HOME });
  if (!session.ok) {
    io.err(`starter-stack delete: ${session.error}`);
    return ExitCode.failed;
  }
  try {
    const { target, client } = session.value;
    const text = args.output === 'text';
    if (text) io.out(`Deleting objects labelled ${STACK_SELECTOR} in namespace ${target.namespace} (context ${target.contextName})${args.includePvcs ? ', PersistentVolumeClaims included' : ''}`);
    const report = await deleteStack(client, {
      namespace: target.namespace,
      includePvcs: args.includePvcs,
      signal: io.signal,
      onProgress: text ? (r) => io.out(resultLine(r)) : undefined,
    });
    if (text) printSummary(io, report, args.includePvcs);
    else io.out(JSON.stringify({ context: target.contextName, namespace: target.namespace, ...report }, null, 2));
    const clean = report.interrupted === undefined && report.listFailures.length === 0 && report.results.every((r) => r.status === 'deleted' || r.status === 'not-found');
    return clean ? ExitCode.ok : ExitCode.failed;
  } finally {
    session.value.dispose();
  }
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
