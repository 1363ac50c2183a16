import { MongoClient } from 'mongodb';
import { createApp } from './app.js';
import { createLogger } from './log.js';
import { createMetrics } from './metrics.js';
import { UsersRepository } from './users.js';

const log = createLogger({ level: process.env.LOG_LEVEL });
const port = Number(process.env.PORT ?? 3000);
const basePath = (process.env.BASE_PATH ?? '').replace(/\/+$/, '');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://localhost:27017/users';

// The driver connects lazily and reconnects by itself; short timeouts keep /readyz within the probe's 2 s.
const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 1500, connectTimeoutMS: 1500 });
const db = client.db();
const users = new UsersRepository(db.collection('users'));
let shuttingDown = false;

const app = createApp({
  basePath,
  users,
  ping: async () => void (await db.command({ ping: 1 })),
  metrics: createMetrics(),
  log,
  isShuttingDown: () => shuttingDown,
});

// The unique e-mail index is created once the database answers; until then /readyz reports not ready.
async function ensureIndexes(attempt = 1) {
  try {
    await users.ensureIndexes();
    log.info('indexes ready');
  } catch (error) {
    if (shuttingDown) return;
    log.warn('indexes not created yet, retrying', { attempt, error: String(error?.message ?? error) });
    setTimeout(() => void ensureIndexes(attempt + 1), Math.min(30_000, 1000 * attempt)).unref();
  }
}

const server = app.listen(port, () => {
  log.info('listening', { port, basePath: basePath || '/' });
  void ensureIndexes();
});

// SIGTERM (kubectl rollout, docker stop): fail readiness, finish in-flight requests, close the pool, exit.
function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info('shutting down', { signal });
  const force = setTimeout(() => {
    log.error('forced exit: requests still open after 10 s');
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close(async () => {
    await client.close().catch(() => undefined);
    log.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
