import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { promisify } from 'node:util';
import { appFacts, type AppFacts } from './support/manifests';
import { fromManifest, itMeetsTheDatabaseApiContract, untilListening, type ApiUnderTest } from './support/contract';
import { requireTool, TOOLS } from '../../support/tools';
import { startPostgres, type Postgres } from './support/postgres';
import { AppProcess, freePort } from './support/process';

const run = promisify(execFile);
const APP_DIR = join(__dirname, '../../../templates/apps/go-api');
// Debian's golang-github-lib-pq-dev and golang-github-prometheus-client-golang-dev (and their dependencies).
const DEBIAN_GOPATH = '/usr/share/gocode';

/**
 * No Go module proxy is reachable here, so the app is built in GOPATH mode against Debian's packaged
 * libraries, with Debian's Go: the same sources the Dockerfile builds in module mode.
 */
async function buildInGopathMode(work: string): Promise<string> {
  const pkg = join(work, 'src/github.com/starter-stack/go-api');
  await mkdir(pkg, { recursive: true });
  for (const name of (await readdir(APP_DIR)).filter((n) => n.endsWith('.go')))
    await cp(join(APP_DIR, name), join(pkg, name));
  const binary = join(work, 'go-api');
  await run(requireTool(TOOLS.go), ['build', '-o', binary, '.'], {
    cwd: pkg,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: `${work}:${DEBIAN_GOPATH}`, GOFLAGS: '', CGO_ENABLED: '0' },
    timeout: 300_000,
  });
  return binary;
}

describe('go-api (products) against a real PostgreSQL', { timeout: 300_000 }, () => {
  let work: string;
  let pg: Postgres;
  let app: AppProcess;
  let api: ApiUnderTest;
  let facts: AppFacts;

  before(async () => {
    facts = await appFacts('go-api');
    work = await mkdtemp(join(tmpdir(), 'starter-go-'));
    const [binary, postgres] = await Promise.all([buildInGopathMode(work), startPostgres()]);
    pg = postgres;
    await pg.createDatabase('products', 'products-secret');
    const port = await freePort();
    app = new AppProcess(binary, [], {
      env: {
        PORT: String(port),
        BASE_PATH: facts.basePath,
        DB_HOST: '127.0.0.1',
        DB_PORT: String(pg.port),
        DB_NAME: 'products',
        DB_USER: 'products',
        DB_PASSWORD: 'products-secret',
      },
    });
    api = {
      base: `http://127.0.0.1:${port}`,
      ...fromManifest(facts),
      resource: 'products',
      create: { name: 'Espresso cup', price: 4.5, stock: 12 },
      update: { stock: 11 },
      invalid: { name: ' ', price: -1 },
      idRoute: '{id}',
    };
    await untilListening(api, app, 'go-api');
  });

  after(async () => {
    await app?.stop();
    await pg?.destroy();
    if (work) await rm(work, { recursive: true, force: true });
  });

  itMeetsTheDatabaseApiContract(() => ({ api, app, pg }), '/api-go/products');
});
