import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireTool, TOOLS } from '../../../support/tools';
import { promisify } from 'node:util';
import { freePort } from './process';
import { until } from '../../../support/until';

const run = promisify(execFile);
/** Debian's PostgreSQL server programs: the folder pg_ctl really lives in (PATH may hold a link to it). */
const pgBin = (): string => dirname(realpathSync(requireTool(TOOLS.pgCtl)));

export interface Postgres {
  readonly port: number;
  /** Creates a login role that owns a database of the same name, as the stack's postgres image does. */
  createDatabase(name: string, password: string): Promise<void>;
  /** Stops the server (fast shutdown) without deleting its data; start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes the data directory. */
  destroy(): Promise<void>;
}

/** initdb refuses to run as root, so the cluster belongs to the `postgres` user when the tests run as root. */
function asOwner(args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0]!, args.slice(1)];
}

async function runAsOwner(args: string[]): Promise<string> {
  const [cmd, rest] = asOwner(args);
  const { stdout } = await run(cmd, rest, { timeout: 60_000 });
  return stdout;
}

/**
 * A real PostgreSQL 15 on 127.0.0.1 in a temporary directory: local socket trusted (for setup),
 * TCP connections need a password (scram), like the stack's database.
 */
export async function startPostgres(): Promise<Postgres> {
  const dir = await mkdtemp(join(tmpdir(), 'starter-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  const pwfile = join(dir, 'pw');
  await writeFile(pwfile, 'admin-password\n');
  if (process.getuid?.() === 0) await run('chown', ['postgres', pwfile]);
  await runAsOwner([
    `${pgBin()}/initdb`,
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  let running = false;

  const psql = (sql: string, db = 'postgres') =>
    runAsOwner([
      `${pgBin()}/psql`,
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      '-qAt',
      '-c',
      sql,
    ]);

  const start = async (): Promise<void> => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await runAsOwner([
      `${pgBin()}/pg_ctl`,
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      'start',
    ]);
    running = true;
    await until(
      async () => {
        await psql('SELECT 1');
        return true;
      },
      'postgres to accept connections',
      30_000,
    );
  };

  // "fast" mode: disconnects clients and stops at once, as a crashed or restarted database would.
  const stop = async (): Promise<void> => {
    if (!running) return;
    running = false;
    await runAsOwner([`${pgBin()}/pg_ctl`, '-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  };

  await start();
  return {
    port,
    async createDatabase(name, password) {
      await psql(`CREATE ROLE "${name}" LOGIN PASSWORD '${password}'`);
      await psql(`CREATE DATABASE "${name}" OWNER "${name}"`);
    },
    stop,
    start,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
