import { resolve } from 'node:path';
import type { PreflightReport } from '../kube/preflight';
import { noExtraPositionals, oneOf, parseOptions } from './args';
import { CLUSTER_OPTIONS, withSession } from './clusterArgs';
import { ExitCode, UsageError, type CliIo } from './io';

interface DoctorArgs {
  readonly dir: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly kubeconfig?: string;
  readonly output: 'text' | 'json';
}

/** Parses `doctor` arguments; throws UsageError naming what is wrong. */
export function parseDoctorArgs(argv: string[]): DoctorArgs {
  const { values, positionals } = parseOptions(argv, {
    ...CLUSTER_OPTIONS,
    output: { type: 'string', short: 'o' },
  });
  noExtraPositionals(positionals, 1);
  return {
    dir: positionals[0] ?? '.',
    context: values.context,
    namespace: values.namespace,
    kubeconfig: values.kubeconfig,
    output: oneOf('output', values.output, ['text', 'json'], 'text'),
  };
}

const MARK = { ok: 'ok     ', warn: 'warn   ', blocker: 'BLOCKER' } as const;

/**
 * `starter-stack doctor`: the preflight Deploy runs, from the terminal. Exit 0 with no blocker, 1 with one,
 * 2 on bad arguments (or a folder without manifests).
 */
export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseDoctorArgs(argv);
  const [{ loadManifests }, preflight] = await Promise.all([import('../kube/manifests'), import('../kube/preflight')]);
  const dir = resolve(io.cwd, args.dir);
  const manifests = await loadManifests(dir);
  if (!manifests.ok) throw new UsageError(manifests.error);
  if (manifests.value.length === 0)
    throw new UsageError(`no Kubernetes objects in ${dir} (write them with: starter-stack generate --out ${args.dir})`);
  return withSession(args, io, 'doctor', async (session) => {
    const report = await preflight.preflightSession(session, manifests.value, io.signal);
    if (args.output === 'json') io.out(JSON.stringify(preflight.preflightJson(report), null, 2));
    else printText(io, report, session.target.namespace);
    return preflight.hasBlocker(report) ? ExitCode.failed : ExitCode.ok;
  });
}

function printText(io: CliIo, report: PreflightReport, namespace: string): void {
  const { cluster, profile } = report;
  const simulated = profile.simulated ? ' — the starter-sim simulator, not a real cluster' : '';
  io.out(
    `Cluster: ${cluster.context} (${profile.label}${profile.runtime ? `, ${profile.runtime} runtime` : ''}${simulated}) at ${cluster.server}${cluster.version ? `, Kubernetes ${cluster.version}` : ''}; namespace ${namespace}`,
  );
  io.out(`  detected from ${profile.evidence}`);
  for (const check of report.checks) {
    io.out(`${MARK[check.status]} ${check.id}: ${check.message}`);
    if (check.fix) io.out(`        fix: ${check.fix}`);
  }
  const blockers = report.checks.filter((c) => c.status === 'blocker').length;
  const warnings = report.checks.filter((c) => c.status === 'warn').length;
  io.out(
    blockers > 0
      ? `${blockers} blocker(s), ${warnings} warning(s): a deploy would fail until the blockers are fixed.`
      : `No blockers${warnings > 0 ? `, ${warnings} warning(s)` : ''}: ready to deploy.`,
  );
}
