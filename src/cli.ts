import { applyCommand, APPLY_USAGE } from './cli/apply';
import { deleteCommand, DELETE_USAGE } from './cli/delete';
import { DEMO_CLUSTER_USAGE, demoClusterCommand } from './cli/demoCluster';
import { generateCommand, GENERATE_USAGE } from './cli/generate';
import { IMAGES_USAGE, imagesCommand } from './cli/images';
import { lintCommand, LINT_USAGE } from './cli/lint';
import { ExitCode, UsageError, type CliIo } from './cli/io';
import { own } from './util/own';
import { SCAFFOLD_USAGE, scaffoldCommand } from './cli/scaffold';
import { ROLLOUT_USAGE, rolloutCommand } from './cli/rollout';
import { VERIFY_USAGE, verifyCommand } from './cli/verify';
import { RESTART_USAGE, restartCommand, SCALE_USAGE, scaleCommand } from './cli/workloadActions';

type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/** Subcommands load their modules when called, so `--help` and bad arguments answer at once. */
const SUBCOMMANDS: Record<string, { usage: string; run: Subcommand }> = {
  generate: { usage: GENERATE_USAGE, run: generateCommand },
  apply: { usage: APPLY_USAGE, run: applyCommand },
  delete: { usage: DELETE_USAGE, run: deleteCommand },
  lint: { usage: LINT_USAGE, run: lintCommand },
  scaffold: { usage: SCAFFOLD_USAGE, run: scaffoldCommand },
  images: { usage: IMAGES_USAGE, run: imagesCommand },
  'demo-cluster': { usage: DEMO_CLUSTER_USAGE, run: demoClusterCommand },
  restart: { usage: RESTART_USAGE, run: restartCommand },
  scale: { usage: SCALE_USAGE, run: scaleCommand },
  rollout: { usage: ROLLOUT_USAGE, run: rolloutCommand },
  verify: { usage: VERIFY_USAGE, run: verifyCommand },
};

function usage(): string {
  return ['Usage:', ...Object.values(SUBCOMMANDS).map((s) => `  ${s.usage}`)].join('\n');
}

/** Runs the CLI in-process; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? ExitCode.badArguments : ExitCode.ok;
  }
  const subcommand = own(SUBCOMMANDS, name);
  if (!subcommand) {
    io.err(`starter-stack: unknown command "${name}"\n${usage()}`);
    return ExitCode.badArguments;
  }
  try {
    return await subcommand.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`starter-stack ${name}: ${e.message}\nUsage: ${subcommand.usage}`);
      return ExitCode.badArguments;
    }
    throw e;
  }
}

if (require.main === module) {
  // `starter-stack lint … | head`: the reader went away, which is no error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw e;
  });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`starter-stack: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = ExitCode.failed;
    },
  );
}
