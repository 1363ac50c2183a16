import client from 'prom-client';

// Probes and scrapes every few seconds would drown the request panels; they are not counted.
const UNCOUNTED = new Set(['/healthz', '/readyz', '/metrics']);

/** A registry with the default process metrics and the two request metrics the Grafana dashboard reads. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requests, duration };
}

/** The matched route template (`/api-node/users/{id}`), never the raw URL, so label values stay few. */
export function routeOf(req) {
  if (!req.route) return 'unmatched';
  return `${req.baseUrl}${req.route.path}`.replace(/:(\w+)/g, '{$1}');
}

/** Times every request and records it once the response is sent. */
export function metricsMiddleware(metrics, log) {
  return (req, res, next) => {
    if (UNCOUNTED.has(req.path)) return next();
    const end = metrics.duration.startTimer();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      metrics.requests.inc(labels);
      const seconds = end(labels);
      log.info('request', { ...labels, path: req.originalUrl, duration_ms: Math.round(seconds * 1000) });
    });
    next();
  };
}
