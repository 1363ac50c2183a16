import express from 'express';
import { metricsMiddleware } from './metrics.js';
import { ConflictError, ValidationError, validateUser } from './users.js';

/**
 * The HTTP layer. The API lives under `basePath` (the Ingress prefix, e.g. /api-node) because the Ingress
 * does not rewrite paths; health and metrics stay at the root for the kubelet and Prometheus.
 *
 * @param {{ basePath: string, users: import('./users.js').UsersRepository, ping: () => Promise<void>,
 *           metrics: ReturnType<typeof import('./metrics.js').createMetrics>, log: ReturnType<typeof import('./log.js').createLogger>,
 *           isShuttingDown?: () => boolean }} deps
 */
export function createApp({ basePath, users, ping, metrics, log, isShuttingDown = () => false }) {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsMiddleware(metrics, log));
  app.use(express.json({ limit: '16kb' }));

  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) return res.status(503).json({ status: 'shutting down' });
    try {
      await ping();
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn('not ready: database does not answer', { error: String(error?.message ?? error) });
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  const api = express.Router();
  api.get('/users', async (_req, res) => res.json(await users.list()));
  api.post('/users', async (req, res) => res.status(201).json(await users.create(validateUser(req.body))));
  api.get('/users/:id', async (req, res) => {
    const user = await users.get(req.params.id);
    return user ? res.json(user) : res.status(404).json({ error: 'user not found' });
  });
  api.put('/users/:id', async (req, res) => {
    const user = await users.update(req.params.id, validateUser(req.body, true));
    return user ? res.json(user) : res.status(404).json({ error: 'user not found' });
  });
  api.delete('/users/:id', async (req, res) => {
    return (await users.remove(req.params.id)) ? res.status(204).end() : res.status(404).json({ error: 'user not found' });
  });
  app.use(basePath || '/', api);

  app.use((_req, res) => res.status(404).json({ error: 'not found' }));
  // Express 5 forwards rejected promises from async handlers here.
  app.use((error, _req, res, _next) => {
    if (error instanceof ValidationError) return res.status(400).json({ error: error.message });
    if (error instanceof ConflictError) return res.status(409).json({ error: error.message });
    if (error?.type === 'entity.parse.failed') return res.status(400).json({ error: 'body is not valid JSON' });
    log.error('request failed', { error: String(error?.stack ?? error) });
    return res.status(503).json({ error: 'the users database is unavailable' });
  });
  return app;
}
