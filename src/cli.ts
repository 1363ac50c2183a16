import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usageErrorLine } from './cli/args';
import { closest } from './util/closest';
import { ExitCode, isUsageError, terminalAsk, type CliIo } from './cli/io';
import { commandHelp, HELP, overallHelp, type CommandName } from './cli/usage';
import { own } from './util/own';

type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Each subcommand's code loads only when it runs: the build turns every `import('./cli/x')` here into a bundle of
 * its own (dist/cli-x.js), so `--version`, `--help` and usage errors parse none of the core.
 */
const SUBCOMMANDS: Record<CommandName, () => Promise<Subcommand>> = {
  generate: async () => (await import('./cli/generate')).generateCommand,
  apply: async () => (await import('./cli/apply')).applyCommand,
  delete: async () => (await import('./cli/delete')).deleteCommand,
  lint: async () => (await import('./cli/lint')).lintCommand,
  scaffold: async () => (await import('./cli/scaffold')).scaffoldCommand,
  images: async () => (await import('./cli/images')).imagesCommand,
  'demo-cluster': async () => (await import('./cli/demoCluster')).demoClusterCommand,
  doctor: async () => (await import('./cli/doctor')).doctorCommand,
  restart: async () => (await import('./cli/workloadActions')).restartCommand,
  scale: async () => (await import('./cli/workloadActions')).scaleCommand,
  rollout: async () => (await import('./cli/rollout')).rolloutCommand,
  verify: async () => (await import('./cli/verify')).verifyCommand,
  load: async () => (await import('./cli/load')).loadCommand,
};

/** The package's version: package.json sits one folder above both src/cli.ts and dist/cli.js. */
export function cliVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** `--help`/`-h` among a subcommand's options (before a `--`, after which everything is a positional). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function unknownCommand(name: string, io: CliIo): number {
  if (name.startsWith('-')) {
    const guess = closest(name.replace(/^-+/, ''), ['help', 'version'], { prefix: true });
    io.err(
      `starter-stack: unknown option ${name}${guess ? ` (did you mean --${guess}?)` : ''}; options go after the command (starter-stack --help)`,
    );
  } else {
    const guess = closest(name, Object.keys(HELP), { prefix: true });
    io.err(
      `starter-stack: unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}; run starter-stack --help for the list`,
    );
  }
  return ExitCode.badArguments;
}

/** Runs the CLI in-process; returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(overallHelp());
    return ExitCode.badArguments;
  }
  if (name === '--help' || name === '-h') return (io.out(overallHelp()), ExitCode.ok);
  if (name === '--version' || name === '-v') return (io.out(cliVersion()), ExitCode.ok);
  if (name === 'help') {
    if (rest[0] === undefined) return (io.out(overallHelp()), ExitCode.ok);
    if (!own(SUBCOMMANDS, rest[0])) return unknownCommand(rest[0], io);
    io.out(commandHelp(rest[0] as CommandName));
    return ExitCode.ok;
  }
  const load = own(SUBCOMMANDS, name);
  if (!load) return unknownCommand(name, io);
  if (asksForHelp(rest)) return (io.out(commandHelp(name as CommandName)), ExitCode.ok);
  try {
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.err(usageErrorLine(name, e.message));
    return ExitCode.badArguments;
  }
}

/** Output to a closed pipe (`starter-stack lint . | head`) ends the process quietly, as it would for a shell tool. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(ExitCode.ok);
    throw e;
  });
}

if (require.main === module) {
  const controller = new AbortController();
  // Every request of a run listens on this one signal.
  setMaxListeners(0, controller.signal);
  // The first Ctrl+C asks the command to stop and report; a second one ends the process at once.
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? ExitCode.interrupted : 143);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
    ask: terminalAsk(controller.signal),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
      // After Ctrl+C the report is out: exit now rather than wait for a hung server's sockets to time out.
      if (controller.signal.aborted) process.exit(code);
    },
    (e: unknown) => {
      // A bug, not bad input: one line for the user; the stack only when asked for.
      const detail =
        e instanceof Error ? (process.env.STARTER_STACK_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
      process.stderr.write(`starter-stack: unexpected error: ${detail}\n`);
      process.exitCode = ExitCode.failed;
    },
  );
}
