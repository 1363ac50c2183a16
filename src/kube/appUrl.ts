import { request } from 'node:http';

export interface UrlProbe {
  readonly answers: boolean;
  /** Why it does not answer, in a few words (refused, timed out, HTTP 404). */
  readonly reason?: string;
}

/** One short GET: does something serve this URL? A 4xx/5xx (an ingress controller's 404 for an unrouted host) is "no". */
export function probeUrl(url: string, timeoutMs = 2000): Promise<UrlProbe> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: UrlProbe) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let req: ReturnType<typeof request>;
    try {
      req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        done(status > 0 && status < 400 ? { answers: true } : { answers: false, reason: `HTTP ${status}` });
      });
    } catch (e) {
      return done({ answers: false, reason: e instanceof Error ? e.message : String(e) });
    }
    req.on('timeout', () => {
      done({ answers: false, reason: `no answer within ${timeoutMs / 1000} s` });
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      done({
        answers: false,
        reason:
          e.code === 'ECONNREFUSED'
            ? 'connection refused'
            : e.code === 'ENOTFOUND'
              ? 'the host does not resolve'
              : (e.code ?? e.message),
      }),
    );
    req.end();
  });
}

export interface AppUrlChoice {
  readonly url: string;
  readonly via: 'ingress' | 'port-forward';
  /** Set when falling back: why the Ingress URL was not used. */
  readonly reason?: string;
}

/**
 * The URL "Open App" opens: the Ingress URL when it answers, else a port-forward to the frontend Service
 * (started by `forward`), with the reason. Undefined when neither works.
 */
export async function chooseAppUrl(
  ingressUrl: string | undefined,
  forward: () => Promise<string | undefined>,
  probe: (url: string) => Promise<UrlProbe> = probeUrl,
): Promise<AppUrlChoice | undefined> {
  let reason = 'the manifests have no Ingress host';
  if (ingressUrl) {
    const answer = await probe(ingressUrl);
    if (answer.answers) return { url: ingressUrl, via: 'ingress' };
    reason = `${ingressUrl} does not answer (${answer.reason ?? 'no answer'})`;
  }
  const local = await forward();
  return local ? { url: local, via: 'port-forward', reason } : undefined;
}
