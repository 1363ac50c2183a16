/** What a CLI subcommand may touch, so tests can run it in-process and read what it printed. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT; long-running subcommands stop cleanly. */
  readonly signal?: AbortSignal;
  /** Asks the person at the terminal and resolves with the answer ('' on Ctrl+C); absent without a terminal. */
  readonly ask?: (question: string) => Promise<string>;
}

/** `ask` for a process whose stdin and stdout are a terminal; undefined otherwise (CI, pipes). */
export function terminalAsk(signal?: AbortSignal): CliIo['ask'] {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return async (question) => {
    if (signal?.aborted) return '';
    const { createInterface } = await import('node:readline');
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    return new Promise<string>((resolve) => {
      const answer = (text: string) => {
        signal?.removeEventListener('abort', no);
        rl.close();
        resolve(text);
      };
      // Ctrl+C at the question (or a SIGTERM) is "no", not a readline that pauses and waits.
      const no = () => {
        process.stdout.write('\n');
        answer('');
      };
      rl.once('SIGINT', no);
      signal?.addEventListener('abort', no, { once: true });
      rl.question(question, answer);
    });
  };
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

/** Bad arguments: the dispatcher prints the message as one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Each subcommand is a bundle of its own in dist/, with its own copy of this class, so the dispatcher recognises a
 * usage error by its name rather than with `instanceof`.
 */
export function isUsageError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'UsageError';
}
