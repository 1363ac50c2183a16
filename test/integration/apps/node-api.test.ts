import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FakeCollection } from '../../fixtures/apps/fakeMongoCollection';
import { appFacts, type AppFacts } from './support/manifests';
import { fromManifest, checkCrud, checkGracefulShutdown, checkMetrics, type ApiUnderTest } from './support/contract';
import { AppProcess, freePort, http } from './support/process';
import { until } from '../../support/until';

const APP_DIR = join(__dirname, '../../../templates/apps/node-api');
// The app is plain JavaScript (ESM) outside the TypeScript project: loaded by URL, so it is typed `any` here.
const load = (file: string) => import(pathToFileURL(join(APP_DIR, 'src', file)).href);

/**
 * MongoDB cannot be installed on this machine. The HTTP layer, metrics, health and the users repository run
 * for real; the repository talks to an in-memory collection with the driver's Collection API, and readiness
 * is also checked with the real driver against an address where no MongoDB answers.
 */
describe('node-api (users): HTTP layer, repository, metrics', { timeout: 60_000 }, () => {
  const collection = new FakeCollection();
  const logLines: string[] = [];
  let server: Server;
  let api: ApiUnderTest;
  let facts: AppFacts;

  before(async () => {
    facts = await appFacts('node-api');
    const [{ createApp }, { UsersRepository }, { createMetrics }, { createLogger }] = await Promise.all([
      load('app.js'),
      load('users.js'),
      load('metrics.js'),
      load('log.js'),
    ]);
    const users = new UsersRepository(collection);
    await users.ensureIndexes();
    const app = createApp({
      basePath: facts.basePath,
      users,
      ping: () => (collection.down ? Promise.reject(new Error('no server')) : Promise.resolve()),
      metrics: createMetrics(),
      log: createLogger({ write: (line: string) => logLines.push(line) }),
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    api = {
      base: `http://127.0.0.1:${address.port}`,
      ...fromManifest(facts),
      resource: 'users',
      create: { name: 'Ada Lovelace', email: 'ada@example.com' },
      update: { name: 'Ada King' },
      invalid: { name: 'No Email' },
      idRoute: '{id}',
    };
  });

  after(() => server?.close());

  it('serves CRUD on /api-node/users through the repository', () => checkCrud(api));
  it('exports request and process metrics by route template', () => checkMetrics(api));

  it('answers 409 for a duplicate e-mail (unique index) and 404 for a malformed id', async () => {
    assert.equal(
      (await http(api.base, 'POST', '/api-node/users', { name: 'A', email: 'dup@example.com' })).status,
      201,
    );
    const duplicate = await http(api.base, 'POST', '/api-node/users', { name: 'B', email: 'dup@example.com' });
    assert.equal(duplicate.status, 409, duplicate.text);
    assert.equal((await http(api.base, 'GET', '/api-node/users/not-an-id')).status, 404);
    assert.ok(collection.calls.includes('createIndex'));
  });

  it('fails readiness and answers 503 while the database is down; liveness stays up', async () => {
    collection.down = true;
    try {
      assert.equal((await http(api.base, 'GET', api.readinessPath)).status, 503);
      assert.equal((await http(api.base, 'GET', api.livenessPath)).status, 200);
      assert.equal((await http(api.base, 'GET', '/api-node/users')).status, 503);
    } finally {
      collection.down = false;
    }
    assert.equal((await http(api.base, 'GET', api.readinessPath)).status, 200);
  });

  it('logs one JSON object per request with level, msg and time', () => {
    const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const request = entries.find((e) => e.msg === 'request' && e.route === '/api-node/users');
    assert.ok(request, logLines.join('\n'));
    assert.equal(request.level, 'info');
    assert.ok(!Number.isNaN(Date.parse(String(request.time))));
  });
});

describe('node-api server.js with the real MongoDB driver and no database', { timeout: 60_000 }, () => {
  let app: AppProcess;
  let base: string;

  let facts: AppFacts;

  before(async () => {
    facts = await appFacts('node-api');
    const port = await freePort();
    const noMongo = await freePort();
    app = new AppProcess(process.execPath, ['src/server.js'], {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        BASE_PATH: facts.basePath,
        MONGO_URL: `mongodb://root:pw@127.0.0.1:${noMongo}/users?authSource=admin`,
      },
    });
    base = `http://127.0.0.1:${port}`;
    await until(
      async () => (await http(base, 'GET', facts.livenessPath)).status === 200,
      `node-api to listen\n${app.output()}`,
      20_000,
    );
  });

  after(() => app?.stop());

  it('is live but not ready while MongoDB does not answer', async () => {
    assert.equal((await http(base, 'GET', facts.livenessPath)).status, 200);
    const ready = await http(base, 'GET', facts.readinessPath);
    assert.equal(ready.status, 503, ready.text);
  });

  it('logs JSON lines', () => {
    for (const entry of app.jsonLines()) {
      assert.equal(typeof entry.level, 'string');
      assert.equal(typeof entry.msg, 'string');
      assert.ok(!Number.isNaN(Date.parse(String(entry.time))));
    }
    assert.ok(app.jsonLines().some((e) => e.msg === 'listening'));
  });

  it('shuts down gracefully on SIGTERM', () => checkGracefulShutdown(app));
});
