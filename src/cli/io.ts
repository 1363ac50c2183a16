/** What a CLI subcommand may touch, so tests can run it in-process and read what it printed. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT; long-running subcommands stop cleanly. */
  readonly signal?: AbortSignal;
}

/** Exit codes shared by every subcommand. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  badArguments: 2,
  wouldOverwrite: 3,
  /** Stopped by Ctrl+C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;

export class UsageError extends Error {}
