import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AppFacts } from './manifests';
import { http, sample, type AppProcess } from './process';
import type { Postgres } from './postgres';
import { until } from '../../../support/until';

/** What differs between the APIs; everything else about their HTTP contract is the same. */
export interface ApiUnderTest {
  readonly base: string;
  /** The Ingress prefix the API serves under (its BASE_PATH). */
  readonly prefix: string;
  readonly resource: 'users' | 'items' | 'products';
  readonly create: Record<string, unknown>;
  readonly update: Record<string, unknown>;
  readonly invalid: Record<string, unknown>;
  /** How the route template of one object reads in the metrics label. */
  readonly idRoute: string;
  /** Probe and scrape paths, as the Deployment declares them. */
  readonly readinessPath: string;
  readonly livenessPath: string;
  readonly metricsPath: string;
}

type Json = Record<string, unknown>;

/** The fields of ApiUnderTest that come from the generated manifests. */
export function fromManifest(
  facts: AppFacts,
): Pick<ApiUnderTest, 'prefix' | 'readinessPath' | 'livenessPath' | 'metricsPath'> {
  if (!facts.basePath || !facts.scrape)
    throw new Error('an API Deployment sets BASE_PATH and the prometheus.io annotations');
  return {
    prefix: facts.basePath,
    readinessPath: facts.readinessPath,
    livenessPath: facts.livenessPath,
    metricsPath: facts.scrape.path,
  };
}

export async function checkHealth(api: ApiUnderTest): Promise<void> {
  const health = await http(api.base, 'GET', api.livenessPath);
  assert.equal(health.status, 200);
  const ready = await http(api.base, 'GET', api.readinessPath);
  assert.equal(ready.status, 200, `readyz: ${ready.text}`);
}

/** Create, list, read, update, delete, and the 404s and 400s around them, under the prefix. */
export async function checkCrud(api: ApiUnderTest): Promise<void> {
  const path = `${api.prefix}/${api.resource}`;
  const created = await http(api.base, 'POST', path, api.create);
  assert.equal(created.status, 201, created.text);
  const object = created.json as Json;
  assert.ok(
    typeof object.id === 'string' || typeof object.id === 'number',
    `created object has an id: ${created.text}`,
  );
  const id = String(object.id);
  for (const [key, value] of Object.entries(api.create)) assert.deepEqual(object[key], value, `created.${key}`);

  const list = await http(api.base, 'GET', path);
  assert.equal(list.status, 200);
  assert.ok(Array.isArray(list.json));
  assert.ok(
    (list.json as Json[]).some((o) => o.id === object.id),
    'the list holds the new object',
  );

  const one = await http(api.base, 'GET', `${path}/${id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json, object);

  const updated = await http(api.base, 'PUT', `${path}/${id}`, api.update);
  assert.equal(updated.status, 200, updated.text);
  for (const [key, value] of Object.entries(api.update))
    assert.deepEqual((updated.json as Json)[key], value, `updated.${key}`);

  const invalid = await http(api.base, 'POST', path, api.invalid);
  assert.ok(invalid.status === 400 || invalid.status === 422, `invalid body → ${invalid.status} ${invalid.text}`);

  const removed = await http(api.base, 'DELETE', `${path}/${id}`);
  assert.equal(removed.status, 204);
  assert.equal((await http(api.base, 'GET', `${path}/${id}`)).status, 404);
  assert.equal((await http(api.base, 'DELETE', `${path}/${id}`)).status, 404);

  // The Ingress does not rewrite: the API answers only under its prefix.
  assert.equal((await http(api.base, 'GET', `/${api.resource}`)).status, 404, 'unprefixed path is not served');
}

/** The series the Grafana dashboards query, with the labels they group by. */
export async function checkMetrics(api: ApiUnderTest): Promise<void> {
  const path = `${api.prefix}/${api.resource}`;
  await http(api.base, 'GET', path);
  await http(api.base, 'GET', `${path}/999999`);
  const metrics = await http(api.base, 'GET', api.metricsPath);
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
  const text = metrics.text;
  assert.ok(
    (sample(text, 'http_requests_total', { method: 'GET', route: path, status: '200' }) ?? 0) >= 1,
    `GET ${path} counted:\n${grep(text, 'http_requests_total')}`,
  );
  assert.ok(
    (sample(text, 'http_requests_total', { method: 'GET', route: `${path}/${api.idRoute}`, status: '404' }) ?? 0) >= 1,
    `route template label:\n${grep(text, 'http_requests_total')}`,
  );
  assert.ok(
    (sample(text, 'http_request_duration_seconds_bucket', { method: 'GET', route: path, status: '200', le: '+Inf' }) ??
      0) >= 1,
    'latency histogram',
  );
  assert.ok(sample(text, 'http_request_duration_seconds_count', { route: path }) !== undefined);
  for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds']) {
    assert.ok((sample(text, name) ?? 0) > 0, `${name} exported`);
  }
  assert.equal(sample(text, 'http_requests_total', { route: api.livenessPath }), undefined, 'probes are not counted');
}

/** One JSON object per line, each with a level, a message and a time. */
export function checkJsonLogs(app: AppProcess): void {
  const entries = app.jsonLines();
  assert.ok(entries.length > 0, 'the app logged something');
  for (const entry of entries) {
    assert.equal(typeof entry.level, 'string', JSON.stringify(entry));
    assert.ok(typeof entry.msg === 'string' || typeof entry.message === 'string', JSON.stringify(entry));
    assert.ok(typeof entry.time === 'string' && !Number.isNaN(Date.parse(entry.time)), JSON.stringify(entry));
  }
  assert.ok(
    entries.some((e) => e.msg === 'request' && typeof e.route === 'string'),
    'requests are logged with their route',
  );
}

/** Readiness follows the database; liveness does not. */
export async function checkReadinessFollowsDatabase(
  api: ApiUnderTest,
  stopDb: () => Promise<void>,
  startDb: () => Promise<void>,
): Promise<void> {
  await stopDb();
  await until(
    async () => (await http(api.base, 'GET', api.readinessPath)).status === 503,
    'readiness to fail while the database is down',
    15_000,
  );
  assert.equal(
    (await http(api.base, 'GET', api.livenessPath)).status,
    200,
    'liveness stays up while the database is down',
  );
  const failing = await http(api.base, 'GET', `${api.prefix}/${api.resource}`);
  assert.equal(failing.status, 503, `a request while the database is down answers 503: ${failing.text}`);
  await startDb();
  await until(
    async () => (await http(api.base, 'GET', api.readinessPath)).status === 200,
    'readiness to recover with the database',
    20_000,
  );
  assert.equal((await http(api.base, 'GET', `${api.prefix}/${api.resource}`)).status, 200);
}

/** SIGTERM: the process drains and exits 0 on its own. */
export async function checkGracefulShutdown(app: AppProcess): Promise<void> {
  app.signal('SIGTERM');
  const code = await Promise.race([app.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
  assert.equal(code, 0, `exit code after SIGTERM:\n${app.output()}`);
  assert.ok(
    app.jsonLines().some((e) => e.msg === 'stopped'),
    'logs that it stopped',
  );
}

function grep(text: string, name: string): string {
  return text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .join('\n');
}

/** A database-backed API as its suite's `before` started it: the API, its process, and its PostgreSQL. */
export interface DatabaseApp {
  readonly api: ApiUnderTest;
  readonly app: AppProcess;
  readonly pg: Postgres;
}

/**
 * The contract every database-backed API meets (fastapi, go-api), one `it` each. `started` is read when a check runs,
 * since the suite's `before` starts the app after the checks are declared; `crudPath` names the CRUD routes.
 */
export function itMeetsTheDatabaseApiContract(started: () => DatabaseApp, crudPath: string): void {
  it('is live and ready once the database answers', () => checkHealth(started().api));
  it(`creates the schema on start and serves CRUD on ${crudPath}`, () => checkCrud(started().api));
  it('exports request and process metrics by route template', () => checkMetrics(started().api));
  it('fails readiness (not liveness) while the database is down, and recovers', () => {
    const { api, pg } = started();
    return checkReadinessFollowsDatabase(
      api,
      () => pg.stop(),
      () => pg.start(),
    );
  });
  it('logs JSON lines', () => checkJsonLogs(started().app));
  it('shuts down gracefully on SIGTERM', () => checkGracefulShutdown(started().app));
}

/** Waits until the API answers its liveness probe; the process's output is in the message if it never does. */
export function untilListening(api: ApiUnderTest, app: AppProcess, name: string): Promise<unknown> {
  return until(
    async () => (await http(api.base, 'GET', api.livenessPath)).status === 200,
    `${name} to listen\n${app.output()}`,
    30_000,
  );
}
