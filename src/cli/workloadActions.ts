import { restartRollout, scaleWorkload, MAX_REPLICAS, SCALABLE_KINDS, type ScalableKind } from '../kube/actions';
import type { WorkloadRef } from '../kube/cache/ownership';
import type { ClusterClient } from '../kube/client';
import { followRollouts } from '../kube/rollout';
import { WATCHED_KINDS } from '../kube/cache/kinds';
import { parseClusterArgs, wholeNumber, withSession, workloadArgument } from './clusterArgs';
import { ExitCode, UsageError, type CliIo } from './io';

const WAIT_OPTIONS = { wait: { type: 'boolean' }, timeout: { type: 'string' } } as const;
const DEFAULT_TIMEOUT_S = 300;

/** `kubectl rollout restart`'s `deployment.apps/web`. */
export function resourceName(ref: WorkloadRef): string {
  return `${ref.kind.toLowerCase()}.apps/${ref.name}`;
}

/** `starter-stack restart KIND/NAME`: replaces every pod of a workload (as `kubectl rollout restart`); 0 done, 1 failed, 2 bad arguments. */
export async function restartCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseClusterArgs(argv, WAIT_OPTIONS);
  const target = workloadArgument(args);
  const timeout = wholeNumber(args, 'timeout', 1, 86_400) ?? DEFAULT_TIMEOUT_S;
  return withSession(args, io, 'restart', async ({ client, target: context }) => {
    const ref = target(context.namespace);
    const answer = await restartRollout(client, ref);
    if (!answer.ok) {
      io.err(`starter-stack restart: ${answer.error.message}`);
      return ExitCode.failed;
    }
    io.out(`${resourceName(ref)} restarted`);
    return args.values.wait === true ? waitForRollout(client, ref, timeout, io) : ExitCode.ok;
  });
}

/** `starter-stack scale KIND/NAME --replicas N`: sets replicas through the scale subresource. */
export async function scaleCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseClusterArgs(argv, { replicas: { type: 'string' } });
  const target = workloadArgument(args, SCALABLE_KINDS);
  const replicas = wholeNumber(args, 'replicas', 0, MAX_REPLICAS);
  if (replicas === undefined) throw new UsageError('missing --replicas N');
  return withSession(args, io, 'scale', async ({ client, target: context }) => {
    const ref = target(context.namespace) as WorkloadRef & { kind: ScalableKind };
    const answer = await scaleWorkload(client, ref, replicas);
    if (!answer.ok) {
      io.err(`starter-stack scale: ${answer.error.message}`);
      return ExitCode.failed;
    }
    const from = answer.value.previous === undefined ? '' : ` (from ${answer.value.previous})`;
    io.out(`${resourceName(ref)} scaled to ${replicas}${from}`);
    return ExitCode.ok;
  });
}

/** Follows one workload's rollout, printing each change of state; 0 when it became available. */
export async function waitForRollout(
  client: ClusterClient,
  ref: WorkloadRef,
  timeoutS: number,
  io: CliIo,
): Promise<number> {
  const apiVersion = WATCHED_KINDS[ref.kind].apiVersion;
  const report = await followRollouts(client, [{ ...ref, apiVersion }], {
    timeoutMs: timeoutS * 1000,
    signal: io.signal,
    onProgress: (_t, state) => io.out(`  ${state.ready ? 'ready' : 'waiting'}: ${state.message}`),
  });
  if (report.ready) return ExitCode.ok;
  const problems = report.workloads.flatMap((w) => w.problems.map((p) => `  pod ${p.pod}: ${p.message}`));
  io.err(
    [
      `${resourceName(ref)}: ${report.cancelled ? 'stopped waiting (interrupted)' : `not available after ${timeoutS} s`}`,
      ...problems,
    ].join('\n'),
  );
  return ExitCode.failed;
}
