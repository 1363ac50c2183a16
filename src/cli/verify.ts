import { SCALABLE_KINDS } from '../kube/actions';
import { verifyRollingUpdate, type RolloutVerification } from '../kube/verifyRollout';
import { outputFormat, parseClusterArgs, wholeNumber, withSession, workloadArgument } from './clusterArgs';
import { ExitCode, UsageError, type CliIo } from './io';
import { resourceName } from './workloadActions';

const DEFAULT_TIMEOUT_S = 300;

/**
 * `starter-stack verify rollout deployment/NAME`: restarts the rollout and watches the Service's endpoints throughout.
 * 0 when the rollout finished and there was always a ready endpoint, 1 otherwise, 2 on bad arguments.
 */
export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = argv;
  if (what !== 'rollout')
    throw new UsageError(
      what === undefined ? 'missing what to verify: rollout' : `cannot verify "${what}" (only rollout)`,
    );
  const args = parseClusterArgs(rest, { output: { type: 'string', short: 'o' }, timeout: { type: 'string' } });
  const output = outputFormat(args);
  const target = workloadArgument(args, SCALABLE_KINDS);
  const timeout = wholeNumber(args, 'timeout', 1, 86_400) ?? DEFAULT_TIMEOUT_S;
  return withSession(args, io, 'verify rollout', async ({ client, target: context }) => {
    const ref = target(context.namespace);
    if (output === 'text') io.out(`Restarting ${resourceName(ref)} in ${ref.namespace} and watching its endpoints…`);
    const answer = await verifyRollingUpdate(client, ref, {
      timeoutMs: timeout * 1000,
      signal: io.signal,
      onSample: output === 'text' ? (ready, ms) => io.out(`  ${(ms / 1000).toFixed(1)} s: ${ready} ready`) : undefined,
    });
    if (!answer.ok) {
      io.err(`starter-stack verify rollout: ${answer.error.message}`);
      return ExitCode.failed;
    }
    const v = answer.value;
    if (output === 'json')
      io.out(
        JSON.stringify({
          min_ready: v.min_ready,
          desired: v.desired,
          zero_ready_ms: v.zero_ready_ms,
          duration_ms: v.duration_ms,
          service: v.service,
          completed: v.completed,
          outcome: v.outcome,
          ...(v.problem === undefined ? {} : { problem: v.problem }),
        }),
      );
    else io.out(summary(v));
    return v.completed && v.zero_ready_ms === 0 ? ExitCode.ok : ExitCode.failed;
  });
}

export function summary(v: RolloutVerification): string {
  const downtime =
    v.zero_ready_ms === 0
      ? 'never without a ready endpoint'
      : `NO ready endpoint for ${(v.zero_ready_ms / 1000).toFixed(1)} s`;
  const seconds = (v.duration_ms / 1000).toFixed(1);
  const end =
    v.outcome === 'completed'
      ? `rollout took ${seconds} s`
      : v.outcome === 'failed'
        ? `rollout failed after ${seconds} s: ${v.problem ?? 'it cannot finish by waiting'}`
        : `rollout not finished after ${seconds} s`;
  return `Service ${v.service}: fewest ready endpoints ${v.min_ready} of ${v.desired} desired; ${downtime}; ${end}.`;
}
