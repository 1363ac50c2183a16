import { after, before, describe } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appFacts, type AppFacts } from './support/manifests';
import { fromManifest, itMeetsTheDatabaseApiContract, untilListening, type ApiUnderTest } from './support/contract';
import { startPostgres, type Postgres } from './support/postgres';
import { AppProcess, freePort } from './support/process';

// Debian's python3-fastapi, python3-uvicorn, python3-psycopg2 and python3-prometheus-client live in the system
// Python's dist-packages, so the tests use /usr/bin/python3 (not a pyenv shim that may be first on PATH).
const PYTHON = '/usr/bin/python3';
const APP_DIR = join(__dirname, '../../../templates/apps/fastapi');

describe('fastapi (items) against a real PostgreSQL', { timeout: 120_000 }, () => {
  let pg: Postgres;
  let app: AppProcess;
  let api: ApiUnderTest;
  let facts: AppFacts;

  before(async () => {
    if (!existsSync(PYTHON))
      throw new Error(
        `${PYTHON} missing: apt-get install python3-fastapi python3-uvicorn python3-psycopg2 python3-prometheus-client`,
      );
    facts = await appFacts('fastapi');
    pg = await startPostgres();
    await pg.createDatabase('items', 'items-secret');
    const port = await freePort();
    app = new AppProcess(PYTHON, ['-m', 'app'], {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH,
        PYTHONDONTWRITEBYTECODE: '1',
        PORT: String(port),
        BASE_PATH: facts.basePath,
        DB_HOST: '127.0.0.1',
        DB_PORT: String(pg.port),
        DB_NAME: 'items',
        DB_USER: 'items',
        DB_PASSWORD: 'items-secret',
      },
    });
    api = {
      base: `http://127.0.0.1:${port}`,
      ...fromManifest(facts),
      resource: 'items',
      create: { name: 'Desk lamp', description: 'warm light', price: 12.5 },
      update: { price: 10 },
      invalid: { name: '', price: -1 },
      idRoute: '{item_id}',
    };
    await untilListening(api, app, 'fastapi');
  });

  after(async () => {
    await app?.stop();
    await pg?.destroy();
  });

  itMeetsTheDatabaseApiContract(() => ({ api, app, pg }), '/api-python/items');
});
