// Service proxy: /api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH forwards the request
// (method, headers, body, query) to the backend registered for that service port, like the API
// server's proxy to a pod behind the Service. The Authorization header is not passed on.
import { type IncomingMessage, type ServerResponse, request } from 'node:http';
import { type SimContext } from './context';
import { type ResourceRequest } from './router';
import { serviceRoute } from './routing';
import { SimError } from './status';
import { sendError } from './http-util';

export function handleServiceProxy(ctx: SimContext, req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, params: URLSearchParams): Promise<void> {
  const route = serviceRoute(ctx, rr.namespace ?? 'default', rr.name ?? '');
  const query = params.toString();
  const path = (rr.proxyPath || '/') + (query ? `?${query}` : '');
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.host;
  return new Promise<void>((resolve) => {
    const upstream = request({ host: route.host, port: route.port, method: req.method, path, headers, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', resolve);
    });
    upstream.on('error', (err) => {
      sendError(res, new SimError(503, 'ServiceUnavailable', `error trying to reach service: ${err.message}`));
      resolve();
    });
    req.pipe(upstream);
  });
}
