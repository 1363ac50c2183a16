// Which requests the Grafana gateway forwards, and where to. The gateway adds the user's kubeconfig credentials,
// so a path that walked out of the service-proxy prefix would reach the whole Kubernetes API as the user.

/** A request the gateway forwards: the upstream URL, whose path stays under the endpoint's prefix. */
export type GatewayTarget =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly status: 400 | 405; readonly reason: string };

/**
 * What Grafana's embedded d-solo and dashboard pages send: GET and HEAD for pages, scripts, styles and API reads,
 * and POST only to /api/ds/query (every panel query, annotations included). Nothing else: no PUT, PATCH, DELETE,
 * OPTIONS, no other POST (/api/frontend-metrics is only sent with analytics reporting on, which the stack turns off).
 */
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
const POST_PATHS: ReadonlySet<string> = new Set(['/api/ds/query']);
export const ALLOWED_METHODS = 'GET, HEAD, POST';

/** Decoded characters a path segment may not carry: separators, path parameters, escapes left over. */
const FORBIDDEN_DECODED = /[/\\;%]/;

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

function refuse(reason: string): GatewayTarget {
  return { ok: false, status: 400, reason };
}

/**
 * Why a raw request path is refused, or undefined when every segment is plain: no `.`/`..` (raw or encoded, in any
 * case), no encoded `/` or `\`, no backslash, no `;` parameters, no double encoding, no empty segment inside.
 */
export function pathProblem(rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return 'the path must start with /';
  if (rawPath.includes('#')) return 'a fragment in the request path';
  const segments = rawPath.slice(1).split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '' && i < segments.length - 1) return 'an empty path segment';
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'malformed percent-encoding in the path';
    }
    if (decoded === '.' || decoded === '..') return 'a dot segment in the path';
    if (FORBIDDEN_DECODED.test(decoded) || hasControlCharacter(decoded))
      return 'an encoded separator, backslash, `;`, `%` or control character in the path';
  }
  return undefined;
}

/** Whether Grafana's embedded pages need `method` on `path` (relative to Grafana's root). */
export function methodAllowed(method: string, path: string): boolean {
  return READ_METHODS.has(method) || (method === 'POST' && POST_PATHS.has(path));
}

/**
 * Maps a gateway request (`/path?query`, token prefix already stripped) onto the upstream. The API server's proxy
 * rewrites Grafana's links to its own prefix, so a path already under the prefix keeps it once. Refuses (400) any
 * path that is not plain, and checks the URL as it will be sent still lies under the prefix; refuses (405) methods
 * the embedded pages do not need.
 */
export function gatewayTarget(upstreamBase: string, method: string, requestPath: string): GatewayTarget {
  const base = new URL(upstreamBase);
  const prefix = base.pathname.replace(/\/$/, '');
  const queryAt = requestPath.indexOf('?');
  const rawPath = queryAt < 0 ? requestPath : requestPath.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : requestPath.slice(queryAt);
  const problem = pathProblem(rawPath);
  if (problem) return refuse(problem);
  const underPrefix = prefix !== '' && (rawPath === prefix || rawPath.startsWith(`${prefix}/`));
  const joined = underPrefix ? rawPath : prefix + rawPath;
  const relative = joined.slice(prefix.length) || '/';
  if (!methodAllowed(method, relative))
    return { ok: false, status: 405, reason: `${method} ${relative} is not something an embedded Grafana page sends` };
  const url = new URL(base.origin);
  url.pathname = joined;
  url.search = rawQuery;
  // The URL parser must not have changed the path (no dot segment resolved, nothing re-encoded).
  if (url.pathname !== joined || !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)))
    return refuse('the path leaves the proxied service');
  return { ok: true, url };
}
