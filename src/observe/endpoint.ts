import http from 'node:http';
import https from 'node:https';
import { err, ok, type Result } from '../util/result';

/**
 * Where an HTTP service answers and how to authenticate: an explicit URL from the settings, or the
 * Kubernetes API server's service proxy with the kubeconfig's credentials (then `baseUrl` ends in `/proxy`).
 */
export interface Endpoint {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  /** TLS material for https (client certificates, CA); empty for plain http. */
  readonly tls?: Readonly<Pick<https.RequestOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>>;
  /** How it was reached, for messages: "settings" or "service proxy". */
  readonly via: string;
  /**
   * Credentials asked for before every request (kubeconfig exec plugins and auth providers, whose tokens
   * expire), laid over `headers` and `tls`. `refused`: the options a request was just refused with (401),
   * so cached ones must not be handed out again. Rejects with a message naming the context.
   */
  readonly credentials?: (refused?: ConnectionOptions) => Promise<ConnectionOptions>;
}

/** What one request to an endpoint is sent with. */
export interface ConnectionOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly tls?: Endpoint['tls'];
}

/**
 * The headers and TLS material for the next request: the endpoint's own, with fresh credentials laid over.
 * After a 401, pass the options that were refused: the credentials are then asked for anew.
 */
export async function connectionOptions(endpoint: Endpoint, refused?: ConnectionOptions): Promise<ConnectionOptions> {
  if (!endpoint.credentials) return { headers: endpoint.headers, tls: endpoint.tls };
  const fresh = await endpoint.credentials(refused);
  return { headers: { ...endpoint.headers, ...fresh.headers }, tls: { ...endpoint.tls, ...fresh.tls } };
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly text: string;
}

export interface HttpFailure {
  readonly status: number; // 0 = no HTTP answer (refused, reset, timeout)
  readonly message: string;
}

const TIMEOUT_MS = 15_000;
/** Bodies beyond this are cut: a query answer is never this large once limits are applied. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Joins the endpoint's base with a path and query string. */
export function endpointUrl(
  endpoint: Endpoint,
  path: string,
  query: Readonly<Record<string, string | number | undefined>> = {},
): URL {
  const url = new URL(endpoint.baseUrl.replace(/\/$/, '') + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/**
 * One GET; resolves with the status and body text, or a failure when no answer came. A 401 to credentials the
 * endpoint asks for (an exec plugin's token, revoked before its expiry) is sent once more with new ones.
 */
export async function httpGet(
  endpoint: Endpoint,
  url: URL,
  signal?: AbortSignal,
): Promise<Result<HttpAnswer, HttpFailure>> {
  let options: ConnectionOptions;
  try {
    options = await connectionOptions(endpoint);
    const first = await getOnce(url, options, signal);
    if (!first.ok || !endpoint.credentials || !refusedByApiServer(first.value.status, first.value.contentType))
      return first;
    options = await connectionOptions(endpoint, options);
  } catch (e) {
    return err({ status: 0, message: e instanceof Error ? e.message : String(e) });
  }
  return getOnce(url, options, signal);
}

/**
 * A 401 in the API server's own shape (a JSON Status): its credentials were refused. A 401 from the service behind
 * the proxy (Loki's "no org id", a login page) is passed on as it is; asking the exec plugin again would not
 * change it. Judged from the headers, so streamed answers (the tail, the gateway) are judged the same way.
 */
export function refusedByApiServer(status: number | undefined, contentType: string | undefined): boolean {
  return status === 401 && /json/.test(contentType ?? '');
}

function getOnce(
  url: URL,
  options: ConnectionOptions,
  signal: AbortSignal | undefined,
): Promise<Result<HttpAnswer, HttpFailure>> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = lib.request(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json', ...options.headers },
        ...options.tls,
        signal,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) res.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', (e) => resolve(err({ status: 0, message: e.message })));
        res.on('end', () =>
          resolve(
            ok({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          ),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (e) => resolve(err({ status: 0, message: e.message })));
    req.end();
  });
}

/** GET and parse JSON; a non-2xx answer is a failure carrying the server's own message. */
export async function getJson(
  endpoint: Endpoint,
  path: string,
  query?: Readonly<Record<string, string | number | undefined>>,
  signal?: AbortSignal,
): Promise<Result<unknown, HttpFailure>> {
  const answer = await httpGet(endpoint, endpointUrl(endpoint, path, query), signal);
  if (!answer.ok) return answer;
  const { status, text } = answer.value;
  if (status < 200 || status >= 300) return err({ status, message: text.trim().slice(0, 500) || `HTTP ${status}` });
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err({ status, message: `not JSON: ${text.slice(0, 120)}` });
  }
}

/** A plain URL from the settings, with an optional extra header (the Loki tenant). */
export function urlEndpoint(baseUrl: string, headers: Record<string, string> = {}): Endpoint {
  return { baseUrl, headers, via: 'settings' };
}

export function withHeaders(endpoint: Endpoint, headers: Record<string, string>): Endpoint {
  return { ...endpoint, headers: { ...endpoint.headers, ...headers } };
}
