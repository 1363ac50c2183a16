// Starts a private code-server on 127.0.0.1 for one test run or one `npm start`, and stops it with its whole
// process group (server, extension host, pty host).
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetProcessGroup, forgetTempFolder, signalGroup, trackProcessGroup, trackTempFolder } from './cleanup';

export interface CodeServerOptions {
  /** The entry script from `ensureCodeServer()`. */
  readonly entry: string;
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** Added to the server's environment; the extension hosts it spawns inherit it. */
  readonly env?: Readonly<Record<string, string>>;
  /** Fixed port; default a free one. */
  readonly port?: number;
  readonly readyTimeoutMs?: number;
  /** Extension folders to install into the server's extensions directory before it starts. */
  readonly installedExtensions?: readonly string[];
  /**
   * Settings written to `<user-data-dir>/Machine/settings.json` before start: the remote machine's settings, where a
   * `"scope": "machine"` setting belongs in a remote window such as code-server's.
   */
  readonly machineSettings?: Readonly<Record<string, unknown>>;
}

/** What the workbench URL's `payload` parameter can carry (VS Code's web-embedder options). */
export interface WorkbenchLaunch {
  /** Absolute path of the extension to load as a development extension. */
  readonly extensionDevelopmentPath?: string;

  /** Absolute path of a bundle exporting `run(): Promise<void>`; the host runs it after start-up. */
  readonly extensionTestsPath?: string;
}

export class CodeServer {
  private exited = false;

  constructor(
    private readonly process: ChildProcess,
    readonly port: number,
    readonly workspace: string,
    /** Temp folder holding user data, extensions and the server log; removed by `stop()` unless asked to keep it. */
    readonly stateDir: string,
  ) {
    process.once('exit', () => (this.exited = true));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  get userDataDir(): string {
    return join(this.stateDir, 'user-data');
  }

  /** code-server's own stdout/stderr. */
  get serverLog(): string {
    return join(this.stateDir, 'code-server.log');
  }

  /** VS Code's log folder: `<session>/exthost1/remoteexthost.log` is the extension host's log. */
  get logsDir(): string {
    return join(this.userDataDir, 'logs');
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  /** The workbench URL opening the workspace, with development extension and tests when given. */
  workbenchUrl(launch: WorkbenchLaunch = {}): string {
    const remote = (path: string) => `vscode-remote://127.0.0.1:${this.port}${path}`;
    const payload: [string, string][] = [['skipWelcome', 'true']];
    if (launch.extensionDevelopmentPath)
      payload.push(['extensionDevelopmentPath', remote(launch.extensionDevelopmentPath)]);
    if (launch.extensionTestsPath) payload.push(['extensionTestsPath', remote(launch.extensionTestsPath)]);
    const query = new URLSearchParams({ folder: this.workspace, payload: JSON.stringify(payload) });
    return `${this.url}?${query.toString()}`;
  }

  /** SIGTERM to the group, SIGKILL after a grace period; then removes the state folder unless kept. */
  async stop(options: { keepFiles?: boolean } = {}): Promise<void> {
    const pid = this.process.pid;
    if (pid !== undefined) {
      if (!this.exited && signalGroup(pid, 'SIGTERM')) {
        const exited = await this.waitForExit(5000);
        if (!exited) signalGroup(pid, 'SIGKILL');
      }
      // Children (extension host, pty host) may outlive the server itself.
      signalGroup(pid, 'SIGKILL');
      forgetProcessGroup(pid);
    }
    if (!options.keepFiles) rmSync(this.stateDir, { recursive: true, force: true });
    forgetTempFolder(this.stateDir);
  }

  private waitForExit(ms: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** Starts code-server and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'starter-stack-code-server-'));
  trackTempFolder(stateDir);
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  mkdirSync(userDataDir);
  mkdirSync(extensionsDir);
  if (options.machineSettings) {
    mkdirSync(join(userDataDir, 'Machine'));
    writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
  }
  // Installed as a user would have them (the workbench payload carries only one development extension).
  for (const folder of options.installedExtensions ?? []) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      version: string;
    };
    cpSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
      recursive: true,
    });
  }
  const args = [
    options.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    options.workspace,
  ];
  const log = openSync(join(stateDir, 'code-server.log'), 'a');
  // detached: the server leads its own process group, so one signal reaches everything it spawned.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...options.env },
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error('code-server did not start (no pid)');
  trackProcessGroup(child.pid);
  watchOverGroup(child.pid);
  const server = new CodeServer(child, port, options.workspace, stateDir);
  try {
    await waitUntilReady(server, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    // The error carries the log's tail.
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * Exit handlers cannot run when this process is SIGKILLed (say, by a CI timeout); a tiny watchdog outside both
 * groups then kills the server's group once this process is gone, and ends by itself with the group.
 */
function watchOverGroup(pgid: number): void {
  const script = `const [parent, group] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(-group)) process.exit(0);
  if (!alive(parent)) { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }
}, 1000);`;
  spawn(process.execPath, ['-e', script, String(process.pid), String(pgid)], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

async function waitUntilReady(server: CodeServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.isRunning) throw new Error(`code-server exited during start-up; its log:\n${tail(server.serverLog)}`);
    const ok = await fetch(`${server.url}healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `code-server did not answer on ${server.url} within ${timeoutMs} ms; its log:\n${tail(server.serverLog)}`,
  );
}

function tail(path: string, lines = 30): string {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
