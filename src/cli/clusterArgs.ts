import { parseWorkloadRef } from '../kube/actions';
import type { WorkloadKind, WorkloadRef } from '../kube/cache/ownership';
import { openCluster, type ClusterSession } from '../kube/session';
import { noExtraPositionals, oneOf, parseOptions, wholeNumber as wholeNumberOption, type OptionSpecs } from './args';
import { ExitCode, UsageError, type CliIo } from './io';

// What the subcommands that talk to a cluster share: kubectl's three options, the KIND/NAME argument, and opening
// the session. Parsing is args.ts's (one parser, one error style).

/** The options every cluster subcommand takes, as kubectl spells them. */
export const CLUSTER_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
} as const satisfies OptionSpecs;

/** Where to connect: what `withSession` needs. */
export interface ClusterChoice {
  readonly namespace?: string;
  readonly context?: string;
  readonly kubeconfig?: string;
}

export interface ClusterArgs extends ClusterChoice {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses the cluster options and `options`; an unknown option or a missing value is a UsageError naming it. */
export function parseClusterArgs(argv: readonly string[], options: OptionSpecs): ClusterArgs {
  const { values, positionals } = parseOptions(argv, { ...options, ...CLUSTER_OPTIONS });
  const { namespace, context, kubeconfig } = values;
  return { namespace, context, kubeconfig, values, positionals };
}

function stringValue(args: ClusterArgs, option: string): string | undefined {
  const value = args.values[option];
  return typeof value === 'string' ? value : undefined;
}

/** `--output text|json`, text by default. */
export function outputFormat(args: ClusterArgs): 'text' | 'json' {
  return oneOf('output', stringValue(args, 'output'), ['text', 'json'], 'text');
}

/** A whole number option within bounds, or undefined when absent. */
export function wholeNumber(args: ClusterArgs, option: string, min: number, max: number): number | undefined {
  return wholeNumberOption(option, stringValue(args, option), { min, max });
}

/** The one KIND/NAME argument; the namespace is filled in once the context is known. */
export function workloadArgument(
  args: ClusterArgs,
  kinds?: readonly WorkloadKind[],
): (namespace: string) => WorkloadRef {
  if (args.positionals.length === 0) throw new UsageError('missing KIND/NAME (e.g. deployment/node-api)');
  noExtraPositionals(args.positionals, 1);
  const checked = parseWorkloadRef(args.positionals[0] ?? '', '', kinds);
  if (!checked.ok) throw new UsageError(checked.error);
  return (namespace) => ({ ...checked.value, namespace });
}

/** Opens the context the options name, runs `body`, and closes it; a kubeconfig problem is one line and exit 1. */
export async function withSession(
  args: ClusterChoice,
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
