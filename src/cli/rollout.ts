import type { WorkloadRef } from '../kube/cache/ownership';
import { rolloutHistory, undoRollout, type Revision } from '../kube/rolloutHistory';
import { formatAge } from '../util/age';
import {
  outputFormat,
  parseClusterArgs,
  wholeNumber,
  withSession,
  workloadArgument,
  type ClusterArgs,
} from './clusterArgs';
import { ExitCode, UsageError, type CliIo } from './io';
import { resourceName, waitForRollout } from './workloadActions';

const DEFAULT_TIMEOUT_S = 300;

/** `starter-stack rollout history|undo deployment/NAME`: a Deployment's revisions, and going back to one. */
export async function rolloutCommand(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'history') return history(parseClusterArgs(rest, { output: { type: 'string', short: 'o' } }), io);
  if (action === 'undo')
    return undo(
      parseClusterArgs(rest, {
        output: { type: 'string', short: 'o' },
        'to-revision': { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
      }),
      io,
    );
  throw new UsageError(
    action === undefined ? 'missing history or undo' : `unknown rollout action "${action}" (history or undo)`,
  );
}

async function history(args: ClusterArgs, io: CliIo): Promise<number> {
  const output = outputFormat(args);
  const target = workloadArgument(args, ['Deployment']);
  return withSession(args, io, 'rollout history', async ({ client, target: context }) => {
    const ref = target(context.namespace);
    const answer = await rolloutHistory(client, ref);
    if (!answer.ok) return failed(io, 'rollout history', answer.error.message);
    const { revisions } = answer.value;
    if (output === 'json')
      io.out(JSON.stringify({ kind: ref.kind, namespace: ref.namespace, name: ref.name, revisions }, null, 2));
    else for (const line of historyTable(ref, revisions, Date.now())) io.out(line);
    return ExitCode.ok;
  });
}

async function undo(args: ClusterArgs, io: CliIo): Promise<number> {
  const output = outputFormat(args);
  const target = workloadArgument(args, ['Deployment']);
  const toRevision = wholeNumber(args, 'to-revision', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const timeout = wholeNumber(args, 'timeout', 1, 86_400) ?? DEFAULT_TIMEOUT_S;
  return withSession(args, io, 'rollout undo', async ({ client, target: context }) => {
    const ref = target(context.namespace);
    const answer = await undoRollout(client, ref, toRevision);
    if (!answer.ok) return failed(io, 'rollout undo', answer.error.message);
    const result = answer.value;
    if (output === 'json')
      io.out(JSON.stringify({ kind: ref.kind, namespace: ref.namespace, name: ref.name, ...result }, null, 2));
    else if (result.skipped)
      io.out(`${resourceName(ref)} skipped rollback (current template already matches revision ${result.toRevision})`);
    else
      io.out(
        `${resourceName(ref)} rolled back to revision ${result.toRevision}: ${imageChange(result.fromImages, result.toImages)}`,
      );
    return args.values.wait === true && !result.skipped
      ? waitForRollout(client, ref, timeout, output === 'text' ? io : { ...io, out: () => undefined })
      : ExitCode.ok;
  });
}

function historyTable(ref: WorkloadRef, revisions: readonly Revision[], now: number): string[] {
  if (revisions.length === 0) return [`${resourceName(ref)} in ${ref.namespace}: no revisions yet`];
  const rows = [
    ['REVISION', 'CURRENT', 'AGE', 'IMAGES', 'CHANGE-CAUSE'],
    ...revisions.map((r) => [
      String(r.revision),
      r.current ? '*' : '',
      formatAge(r.created, now),
      r.images.join(','),
      r.changeCause ?? '<none>',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return [
    `${resourceName(ref)} in ${ref.namespace}`,
    ...rows.map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 2)))
        .join('')
        .trimEnd(),
    ),
  ];
}

/** `web: nginx:1.27 → nginx:1.26`, or "same images" when only other fields differ. */
export function imageChange(from: readonly string[], to: readonly string[]): string {
  if (from.join(',') === to.join(',')) return `images unchanged (${to.join(', ')})`;
  return `${from.join(', ')} → ${to.join(', ')}`;
}

function failed(io: CliIo, command: string, message: string): number {
  io.err(`starter-stack ${command}: ${message}`);
  return ExitCode.failed;
}
