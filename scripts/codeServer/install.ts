// Installs code-server (the real VS Code server + web client) into a cache folder outside the clone, once.
// Importable (`ensureCodeServer()`) and runnable: `node --import tsx scripts/codeServer/install.ts`.
// The recipe (ripgrep cache tarball, root-safe npm settings) is the one in /work/shared/TESTING.md.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  copyFileSync,
  createWriteStream,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep release that code-server 4.100.3 depends on, and the rg build it downloads. */
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const MARKER = '.starter-stack-installed.json';

/** Where code-server lives: `$STARTER_STACK_CODE_SERVER_DIR`, else `~/.cache/starter-stack/code-server-<version>`. */
export function codeServerHome(): string {
  return (
    process.env.STARTER_STACK_CODE_SERVER_DIR ??
    join(homedir(), '.cache', 'starter-stack', `code-server-${CODE_SERVER_VERSION}`)
  );
}

/** The code-server entry script; run it with this Node (`node <entry> ...`). */
export function codeServerEntry(home = codeServerHome()): string {
  return join(home, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Returns the entry script of an installed code-server, installing it first when missing (about a minute). */
export async function ensureCodeServer(log: (line: string) => void = (l) => console.log(l)): Promise<string> {
  const home = codeServerHome();
  if (isInstalled(home)) return codeServerEntry(home);
  checkPrerequisites();
  log(`e2e setup: installing code-server ${CODE_SERVER_VERSION} into ${home} (once; about a minute)`);
  const started = Date.now();
  prepareRipgrepCache();
  mkdirSync(dirname(home), { recursive: true });
  // Install beside the target and rename at the end, so an interrupted install never looks complete.
  const staging = mkdtempSync(`${home}.partial-`);
  try {
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'starter-stack-code-server', private: true }));
    await npmInstall(staging, `${home}.npm-install.log`);
    if (!existsSync(codeServerEntry(staging)))
      throw new Error(`npm finished but ${codeServerEntry(staging)} is missing`);
    writeFileSync(
      join(staging, MARKER),
      JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }),
    );
    if (!isInstalled(home)) {
      rmSync(home, { recursive: true, force: true });
      renameSync(staging, home);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`e2e setup: code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry(home);
}

function isInstalled(home: string): boolean {
  const marker = join(home, MARKER);
  if (!existsSync(marker) || !existsSync(codeServerEntry(home))) return false;
  try {
    return (JSON.parse(readFileSync(marker, 'utf8')) as { version?: string }).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

interface Prerequisite {
  readonly what: string;
  readonly debianPackage: string;
  readonly present: () => boolean;
}

const PREREQUISITES: readonly Prerequisite[] = [
  {
    what: '/usr/bin/rg (replaces the ripgrep download)',
    debianPackage: 'ripgrep',
    present: () => existsSync('/usr/bin/rg'),
  },
  { what: 'pkg-config', debianPackage: 'pkg-config', present: () => commandWorks('pkg-config', ['--version']) },
  {
    what: 'a C++ compiler and make (native modules)',
    debianPackage: 'build-essential',
    present: () => commandWorks('g++', ['--version']) && commandWorks('make', ['--version']),
  },
  { what: 'python3 (node-gyp)', debianPackage: 'python3', present: () => commandWorks('python3', ['--version']) },
  {
    what: 'Kerberos headers (kerberos module)',
    debianPackage: 'libkrb5-dev',
    present: () => pkgConfigHas('krb5-gssapi'),
  },
  { what: 'X11 headers (native-keymap)', debianPackage: 'libx11-dev', present: () => pkgConfigHas('x11') },
  { what: 'xkbfile headers (native-keymap)', debianPackage: 'libxkbfile-dev', present: () => pkgConfigHas('xkbfile') },
  { what: 'libsecret headers (keytar)', debianPackage: 'libsecret-1-dev', present: () => pkgConfigHas('libsecret-1') },
];

/** Fails with the Debian packages to install, rather than with a node-gyp error a hundred lines deep. */
export function checkPrerequisites(): void {
  const missing = PREREQUISITES.filter((p) => !p.present());
  if (missing.length === 0) return;
  const lines = missing.map((p) => `  - ${p.what}: Debian package ${p.debianPackage}`);
  const packages = [...new Set(missing.map((p) => p.debianPackage))].join(' ');
  throw new Error(
    `cannot install code-server ${CODE_SERVER_VERSION}, missing:\n${lines.join('\n')}\nInstall them with: apt-get install -y ${packages}`,
  );
}

function commandWorks(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pkgConfigHas(module: string): boolean {
  return commandWorks('pkg-config', ['--exists', module]);
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub unless this tarball is already in its cache. */
function prepareRipgrepCache(): void {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[
    process.arch as 'x64' | 'arm64'
  ];
  if (!target) throw new Error(`no ripgrep cache recipe for architecture ${process.arch}`);
  const cacheDir = join(tmpdir(), RIPGREP_CACHE);
  const tarball = join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  if (existsSync(tarball)) return;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'starter-stack-rg-'));
  try {
    copyFileSync('/usr/bin/rg', join(work, 'rg'));
    execFileSync('tar', ['-czf', `${tarball}.tmp`, '-C', work, 'rg']);
    renameSync(`${tarball}.tmp`, tarball);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs npm install with its output in a log file; on failure the error carries the log's tail. */
async function npmInstall(dir: string, logPath: string): Promise<void> {
  const logFile = createWriteStream(logPath);
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const child = spawn('npm', ['install', '--omit=dev', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(logFile, { end: false });
  child.stderr.pipe(logFile, { end: false });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await new Promise<void>((resolve) => logFile.end(resolve));
  if (code !== 0) {
    const tail = readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}); last lines of ${logPath}:\n${tail}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureCodeServer().then(
    (entry) => console.log(`code-server ${CODE_SERVER_VERSION}: ${entry}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
