import { spawn } from 'node:child_process';
import { delimiter, isAbsolute, join } from 'node:path';

/** An environment whose PATH starts with the given folders, and the folders left out (with why). */
export interface ToolsEnv {
  readonly env: NodeJS.ProcessEnv;
  /** The folders put first on PATH, `~` expanded. */
  readonly folders: readonly string[];
  /** Entries that are not absolute paths (after `~` expansion): a relative folder would depend on the cwd. */
  readonly ignored: readonly string[];
}

/**
 * Puts extra folders first on PATH, for the tools and for what they run themselves (`kind load` runs `docker save`),
 * so a user whose editor's PATH lacks docker or kind can name where they are. `~` and `~/…` mean the home folder.
 */
export function toolsEnv(env: NodeJS.ProcessEnv, folders: readonly string[], home: string): ToolsEnv {
  const expanded = folders
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (f === '~' ? home : f.startsWith('~/') ? join(home, f.slice(2)) : f));
  const usable = expanded.filter((f) => isAbsolute(f));
  const ignored = expanded.filter((f) => !isAbsolute(f));
  if (usable.length === 0) return { env, folders: [], ignored };
  // Windows spells it Path; keep whichever the environment has.
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const path = [...usable, ...(env[key] ?? '').split(delimiter).filter(Boolean)].join(delimiter);
  return { env: { ...env, [key]: path }, folders: usable, ignored };
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
