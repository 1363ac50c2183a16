import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseWorkloadRef } from '../kube/actions';
import type { WorkloadKind, WorkloadRef } from '../kube/cache/ownership';
import { openCluster, type ClusterSession } from '../kube/session';
import { ExitCode, UsageError, type CliIo } from './io';

// Argument parsing for the subcommands that act on one live object (restart, scale, rollout, verify). Kept small
// and on node:util parseArgs so it folds easily into a shared argument module.

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every cluster subcommand takes, as kubectl spells them. */
export const CLUSTER_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
} as const satisfies Options;

export interface ClusterArgs {
  readonly namespace?: string;
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses strictly: an unknown option or a missing value is a UsageError naming it. */
export function parseClusterArgs(argv: string[], options: Options): ClusterArgs {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...CLUSTER_OPTIONS, ...options },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(e.message.split('\n')[0] ?? e.message);
    throw e;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? values[key] : undefined);
  return {
    namespace: text('namespace'),
    context: text('context'),
    kubeconfig: text('kubeconfig'),
    values,
    positionals: parsed.positionals,
  };
}

/** `--output text|json`, text by default. */
export function outputFormat(args: ClusterArgs): 'text' | 'json' {
  const output = args.values.output ?? 'text';
  if (output !== 'text' && output !== 'json')
    throw new UsageError(`--output must be text or json, got "${String(output)}"`);
  return output;
}

/** The one KIND/NAME argument; the namespace is filled in once the context is known. */
export function workloadArgument(
  args: ClusterArgs,
  kinds?: readonly WorkloadKind[],
): (namespace: string) => WorkloadRef {
  if (args.positionals.length === 0) throw new UsageError('missing KIND/NAME (e.g. deployment/node-api)');
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  const text = args.positionals[0] ?? '';
  const checked = parseWorkloadRef(text, '', kinds);
  if (!checked.ok) throw new UsageError(checked.error);
  return (namespace) => ({ ...checked.value, namespace });
}

/** A whole number option within bounds, or undefined when absent. */
export function wholeNumber(args: ClusterArgs, option: string, min: number, max: number): number | undefined {
  const raw = args.values[option];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, got "${String(raw)}"`);
  return Number(raw);
}

/** Opens the context the options name, runs `body`, and closes it; a kubeconfig problem is one line and exit 1. */
export async function withSession(
  args: Pick<ClusterArgs, 'kubeconfig' | 'context' | 'namespace'>,
  io: CliIo,
  command: string,
  body: (session: ClusterSession) => Promise<number>,
): Promise<number> {
  const session = await openCluster({
    file: args.kubeconfig,
    context: args.context,
    namespace: args.namespace,
    env: io.env,
    cwd: io.cwd,
    home: io.env.HOME,
  });
  if (!session.ok) {
    io.err(`starter-stack ${command}: ${session.error}`);
    return ExitCode.failed;
  }
  try {
    return await body(session.value);
  } finally {
    session.value.dispose();
  }
}
