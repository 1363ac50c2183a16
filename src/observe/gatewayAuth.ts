import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_COOKIE = 'starter_stack_gw';
export const TOKEN_HEADER = 'x-starter-stack-token';

/** What a request carried, and the path to forward once its token prefix is stripped. */
export interface Admission {
  readonly admitted: boolean;
  readonly path: string;
  /** Set a cookie so the page's own sub-requests (scripts, API calls, workers) carry the token. */
  readonly setCookie: boolean;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === TOKEN_COOKIE && value) return value;
  }
  return undefined;
}

/** A same-origin sub-request of a page opened at `/t/<token>/…` names that page in its Referer. */
function refererToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return /^\/t\/([^/]+)\//.exec(new URL(header).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Fetch Metadata of a request from another site (another page in the webview's partition, another port of
 * 127.0.0.1): the cookie and the Referer admit only the gateway page's own sub-requests, never those.
 */
function fromAnotherSite(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Every request must carry the session token, in one of these places and no other:
 * - the path prefix `/t/<token>/` (how iframe URLs are made; the iframe's own navigation is cross-site);
 * - the `x-starter-stack-token` header (programmatic clients; a browser page cannot send it cross-origin
 *   without a preflight, which the gateway refuses);
 * - the cookie the first page load sets, or the Referer of such a page (when cookies are blocked in the
 *   iframe), only for same-origin requests.
 * A token in the query string, an Authorization header, or elsewhere in the path is not looked at. Anything
 * else is refused.
 */
export function admit(url: string, headers: IncomingHttpHeaders, token: string): Admission {
  const prefixed = /^\/t\/([^/?]+)(\/.*)?$/.exec(url);
  if (prefixed?.[1] !== undefined) {
    const ok = same(prefixed[1], token);
    return { admitted: ok, path: prefixed[2] ?? '/', setCookie: ok };
  }
  const header = headers[TOKEN_HEADER];
  if (typeof header === 'string') return { admitted: same(header, token), path: url, setCookie: false };
  const carried = fromAnotherSite(headers) ? undefined : (cookieToken(headers.cookie) ?? refererToken(headers.referer));
  return { admitted: carried !== undefined && same(carried, token), path: url, setCookie: false };
}

/** Partitioned + SameSite=None: the iframe is third-party to the webview; 127.0.0.1 counts as secure. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=None; Partitioned`;
}

/** Removes the gateway's own cookie before forwarding, so Grafana never sees the token. */
export function stripTokenCookie(header: string | undefined): string | undefined {
  const kept = (header ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith(`${TOKEN_COOKIE}=`));
  return kept.length > 0 ? kept.join('; ') : undefined;
}
