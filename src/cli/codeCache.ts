// A subcommand's bundle loaded with V8's code cache: the code V8 compiled in the previous run is kept in the user's
// cache folder, so the next `starter-stack lint` neither parses the bundle again nor compiles the functions it ran.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The folder of the code cache: STARTER_STACK_CODE_CACHE when set (`off` turns the cache off), else the platform's
 * cache folder (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%) + starter-stack/v8.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string | undefined {
  const chosen = env.STARTER_STACK_CODE_CACHE;
  if (chosen === 'off') return undefined;
  if (chosen) return chosen;
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME || join(home, '.cache');
  return join(base, 'starter-stack', 'v8');
}

function attempt<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

/**
 * Requires a bundle beside this one (`./cli-lint.js`) through the code cache; `plain` is the ordinary require, used
 * when the cache is off or the bundle cannot be read. A cache is named by the bundle's size and modification time
 * and Node's version, so a rebuilt bundle or another Node never reads a stale one (V8 also rejects foreign data).
 * The first run pays for writing it, at exit; failures to write are ignored (a read-only home works as before).
 * Used for `lint`, the subcommand whose start-up dominates its runs (the other subcommands load small bundles).
 */
export function requireBundle(file: string, plain: () => unknown): unknown {
  const dir = codeCacheDir();
  const filename = join(__dirname, file);
  const stats = dir === undefined ? undefined : attempt(() => statSync(filename));
  const source = stats && attempt(() => readFileSync(filename, 'utf8'));
  if (dir === undefined || !stats || source === undefined || !isPrivateFolder(dir)) return plain();
  const name = basename(file);
  const cacheFile = join(dir, `${name}-${stats.size}-${Math.floor(stats.mtimeMs)}-${process.version}.v8cache`);
  const cachedData = attempt(() => readFileSync(cacheFile));
  const script = new Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected === true)
    // Only after a run that did its work (exit 0 or 1): a usage error leaves nothing behind.
    process.once(
      'exit',
      (code) => code <= 1 && attempt(() => writeCache(dir, name, cacheFile, script.createCachedData())),
    );
  const loaded = new Module(filename, module);
  loaded.filename = filename;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.exports, loaded.exports, createRequire(filename), loaded, filename, dirname(filename));
  loaded.loaded = true;
  return loaded.exports;
}

/**
 * Whether code read from `dir` can be trusted: it does not exist yet (it is made 0700), or it is the user's own and
 * nobody else may write to it. A cache folder others can write to (STARTER_STACK_CODE_CACHE=/tmp/…) would let them
 * plant compiled code, so such a folder is neither read nor written.
 */
export function isPrivateFolder(dir: string): boolean {
  const folder = attempt(() => statSync(dir));
  if (!folder) return true;
  const uid = process.getuid?.();
  return folder.isDirectory() && (uid === undefined || (folder.uid === uid && (folder.mode & 0o022) === 0));
}

/** Writes a bundle's cache whole (a reader never sees half of it) and removes its caches for other builds. */
function writeCache(dir: string, name: string, cacheFile: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const old of readdirSync(dir))
    if (old.startsWith(`${name}-`) && join(dir, old) !== cacheFile) rmSync(join(dir, old), { force: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, cacheFile);
}
