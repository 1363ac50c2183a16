import { spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Each line of stdout and stderr as it arrives. */
  readonly onLine: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Runs a tool and streams its output line by line; resolves with the exit code (null when killed). */
export function runTool(executable: string, args: readonly string[], options: RunOptions): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const splitter = () => {
      let rest = '';
      return {
        push(chunk: Buffer) {
          const lines = (rest + chunk.toString('utf8')).split(/\r?\n/);
          rest = lines.pop() ?? '';
          lines.forEach((l) => options.onLine(l));
        },
        flush() {
          if (rest) options.onLine(rest);
          rest = '';
        },
      };
    };
    const out = splitter();
    const err = splitter();
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => (e.name === 'AbortError' ? resolve(null) : reject(e)));
    child.on('close', (code) => {
      out.flush();
      err.flush();
      resolve(code);
    });
  });
}
