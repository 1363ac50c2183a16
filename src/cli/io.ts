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
} as const;

export class UsageError extends Error {}
