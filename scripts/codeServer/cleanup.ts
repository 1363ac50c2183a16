// What the e2e runners leave behind, undone on any way out (normal exit, Ctrl+C, test-runner SIGTERM): process
// groups they started are killed and their temp folders removed, so no code-server outlives the run.
import { rmSync } from 'node:fs';

const groups = new Set<number>();
const folders = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Exit even when other listeners exist: node:test's own handler would let the next scenario start.
    process.once(signal, () => {
      cleanUpNow();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** Remembers a process started with `detached: true` (so it leads its own group) until `forgetProcessGroup`. */
export function trackProcessGroup(pid: number): void {
  hookExit();
  groups.add(pid);
}

export function forgetProcessGroup(pid: number): void {
  groups.delete(pid);
}

/** Remembers a temp folder to remove if the run ends before its owner removes it. */
export function trackTempFolder(path: string): void {
  hookExit();
  folders.add(path);
}

export function forgetTempFolder(path: string): void {
  folders.delete(path);
}

/** Sends a signal to a whole group; false when the group is already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function cleanUpNow(): void {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  groups.clear();
  for (const path of folders) rmSync(path, { recursive: true, force: true, maxRetries: 2 });
  folders.clear();
}
