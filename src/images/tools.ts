import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Finds an executable on PATH (PATHEXT on Windows); undefined when it is not installed. */
export async function findExecutable(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (
        await access(candidate, constants.X_OK).then(
          () => true,
          () => false,
        )
      )
        return candidate;
    }
  }
  return undefined;
}

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
