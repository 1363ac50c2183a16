import { resolve } from 'node:path';
import { applyInWaves } from '../kube/apply';
import {
  allApplied,
  countByStatus,
  isApplied,
  outcomeCounts,
  type ApplyProgress,
  type ApplyReport,
} from '../kube/applyResult';
import { applyText, rolloutFix } from '../kube/applyText';
import type { ClusterTarget } from '../kube/kubeconfig';
import { loadManifests, type ManifestEntry } from '../kube/manifests';
import {
  followRollouts,
  locateApplied,
  rolloutTargets,
  type RolloutOptions,
  type RolloutReport,
} from '../kube/rollout';
import type { ClusterSession } from '../kube/session';
import { noExtraPositionals, oneOf, parseOptions, usageErrorLine, wholeNumber } from './args';
import { CLUSTER_OPTIONS, withSession } from './clusterArgs';
import { ExitCode, isUsageError, UsageError, type CliIo } from './io';

interface ApplyArgs {
  readonly dir: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly kubeconfig?: string;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly wait: boolean;
  readonly timeoutSeconds: number;
  readonly output: 'text' | 'json';
}

const DEFAULT_TIMEOUT_S = 300;
/** A day: longer waits belong to a CI job's own timeout. */
const MAX_TIMEOUT_S = 86_400;

/** Parses `apply` arguments; throws UsageError with one line naming what is wrong. */
export function parseApplyArgs(argv: string[]): ApplyArgs {
  const { values, positionals } = parseOptions(argv, {
    ...CLUSTER_OPTIONS,
    'dry-run': { type: 'boolean' },
    'force-conflicts': { type: 'boolean' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length === 0) throw new UsageError('missing DIR (the folder of manifests to apply)');
  noExtraPositionals(positionals, 1);
  return {
    dir: positionals[0] as string,
    context: values.context,
    namespace: values.namespace,
    kubeconfig: values.kubeconfig,
    dryRun: values['dry-run'] === true,
    force: values['force-conflicts'] === true,
    wait: values.wait === true,
    timeoutSeconds: wholeNumber('timeout', values.timeout, { min: 0, max: MAX_TIMEOUT_S }) ?? DEFAULT_TIMEOUT_S,
    output: oneOf('output', values.output, ['text', 'json'], 'text'),
  };
}

/** `starter-stack apply`: 0 when everything applied (and became ready with --wait), 1 otherwise, 2 on bad arguments. */
export async function applyCommand(argv: string[], io: CliIo): Promise<number> {
  let args: ApplyArgs;
  try {
    args = parseApplyArgs(argv);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.err(usageErrorLine('apply', e.message));
    return ExitCode.badArguments;
  }
  return runApply(args, io, resolve(io.cwd, args.dir));
}

async function runApply(args: ApplyArgs, io: CliIo, dir: string): Promise<number> {
  // A fresh clone has no secrets.env (it is not in git): a real apply creates it, a dry run only says so.
  const manifests = await loadManifests(dir, {
    createMissingSecrets: !args.dryRun,
    onNote: (note) => io.err(`starter-stack apply: ${note}`),
  });
  if (!manifests.ok) return fail(io, manifests.error);
  if (manifests.value.length === 0)
    return fail(io, `no Kubernetes objects found in ${dir} (looked for *.yaml and *.yml, or a kustomization.yaml)`);
  return withSession(args, io, 'apply', (session) => applyTo(session, manifests.value, args, io, dir));
}

async function applyTo(
  session: ClusterSession,
  manifests: ManifestEntry[],
  args: ApplyArgs,
  io: CliIo,
  dir: string,
): Promise<number> {
  const { target, client } = session;
  const text = args.output === 'text';
  if (text)
    io.out(
      `${args.dryRun ? 'Dry run: ' : ''}applying ${manifests.length} objects from ${dir} to ${target.server} (context ${target.contextName}, ${args.namespace === undefined ? 'default namespace' : 'namespace'} ${target.namespace})`,
    );
  const started = Date.now();
  const report = await applyInWaves(client, manifests, {
    namespace: target.namespace,
    overrideNamespace: args.namespace !== undefined,
    dryRun: args.dryRun,
    force: args.force,
    signal: io.signal,
    onProgress: text ? (p) => printProgress(io, p) : undefined,
  });
  const rollout =
    args.wait && !args.dryRun && report.interrupted === undefined
      ? await waitForRollouts(io, session, report, args, {
          since: started,
          locate: locateApplied(report.results, manifests),
        })
      : undefined;
  if (text) printSummary(io, report, rollout);
  else io.out(JSON.stringify(jsonReport(target, report, rollout), null, 2));
  if (io.signal?.aborted) return ExitCode.interrupted;
  return allApplied(report) && (rollout === undefined || rollout.ready) ? ExitCode.ok : ExitCode.failed;
}

function fail(io: CliIo, message: string): number {
  io.err(`starter-stack apply: ${message}`);
  return ExitCode.failed;
}

function printProgress(io: CliIo, p: ApplyProgress): void {
  if (p.type === 'wave') return io.out(applyText.wave(p));
  io.out(applyText.object(p.result));
  if (p.result.diff)
    io.out(
      p.result.diff
        .split('\n')
        .map((l) => `      ${l}`)
        .join('\n'),
    );
}

async function waitForRollouts(
  io: CliIo,
  session: ClusterSession,
  report: ApplyReport,
  args: ApplyArgs,
  extra: Pick<RolloutOptions, 'since' | 'locate'>,
): Promise<RolloutReport> {
  const applied = report.results.filter(isApplied);
  const targets = rolloutTargets(applied.map((r) => r.ref));
  if (args.output === 'text' && targets.length > 0)
    io.out(`Waiting up to ${args.timeoutSeconds} s for ${targets.length} workloads to become available…`);
  return followRollouts(session.client, targets, {
    ...extra,
    timeoutMs: args.timeoutSeconds * 1000,
    signal: io.signal,
    onProgress: args.output === 'text' ? (t, s) => io.out(applyText.rollout(t, s)) : undefined,
  });
}

function printSummary(io: CliIo, report: ApplyReport, rollout: RolloutReport | undefined): void {
  io.out(applyText.summary(report));
  if (report.interrupted)
    for (const line of [`Stopped: ${report.interrupted}`, ...applyText.leftOver(report)]) io.out(line);
  if (rollout) for (const line of applyText.rolloutSummary(rollout)) io.out(line);
}

function jsonReport(target: ClusterTarget, report: ApplyReport, rollout: RolloutReport | undefined): unknown {
  return {
    context: target.contextName,
    server: target.server,
    namespace: target.namespace,
    dryRun: report.dryRun,
    ok: allApplied(report) && (rollout === undefined || rollout.ready),
    summary: countByStatus(report.results),
    outcomes: outcomeCounts(report.results),
    interrupted: report.interrupted,
    results: report.results,
    rollout: rollout && {
      ready: rollout.ready,
      timedOut: rollout.timedOut,
      failed: rollout.failed,
      workloads: rollout.workloads.map((w) => ({
        ...w.target,
        ready: w.state.ready,
        message: w.state.message,
        problems: w.problems,
        failure: w.failure && { ...w.failure, fix: rolloutFix(w.failure) },
      })),
    },
  };
}
