import http from 'node:http';
import type https from 'node:https';
// Types only: the client library loads on first use (`await import`), never at module load.
import type { KubeConfig } from '@kubernetes/client-node';
import { errorMessage } from '../util/result';

/** The TLS material a connection is made with. */
export type TlsOptions = Pick<
  https.AgentOptions,
  'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'
>;

/** What one request is sent with: authentication headers, TLS material, and client-node's agent when a proxy is set. */
export interface RequestCredentials {
  /** Lower-case header names: `authorization`, `impersonate-user`. */
  readonly headers: http.OutgoingHttpHeaders;
  readonly tls: TlsOptions;
  readonly proxyAgent?: http.Agent;
}

/**
 * The credentials of one context, as client-node computes them (`applyToHTTPSOptions`). Tokens, certificates and
 * passwords written in the kubeconfig are read once. Exec plugins and auth providers (OIDC, token files) are asked
 * again before every request: client-node caches an exec token until its `expirationTimestamp` and runs the plugin
 * again after that, so a session open for hours keeps working after the first token expires.
 */
export class Credentials {
  private pending: Promise<RequestCredentials> | undefined;
  private refreshing: Promise<RequestCredentials> | undefined;
  /** Who the last credentials handed out say the client is (token and client certificate). */
  private lastIdentity = '';

  private constructor(
    private kubeConfig: KubeConfig,
    private readonly contextName: string,
    /** The credentials computed at connect time. */
    readonly initial: RequestCredentials,
    private readonly perRequest: boolean,
  ) {}

  /** Computes the credentials once (running an exec plugin if there is one); rejects with a message naming the context. */
  static async load(kubeConfig: KubeConfig, contextName: string): Promise<Credentials> {
    const initial = await computeCredentials(kubeConfig, contextName);
    const user = kubeConfig.getCurrentUser();
    const credentials = new Credentials(kubeConfig, contextName, initial, Boolean(user?.exec ?? user?.authProvider));
    credentials.remember(initial);
    return credentials;
  }

  /** Whether a 401 may be cured by asking again (an exec plugin or auth provider issues the credentials). */
  get refreshable(): boolean {
    return this.perRequest;
  }

  /** The credentials for the next request. Rejects when an exec plugin or auth provider fails. */
  current(): Promise<RequestCredentials> {
    if (!this.perRequest) return Promise.resolve(this.initial);
    // Requests that start together share one answer: after an expiry, one plugin run instead of one per request.
    this.pending ??= computeCredentials(this.kubeConfig, this.contextName)
      .then((credentials) => this.remember(credentials))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  /**
   * After the server answered 401 to a request sent as `rejected`: credentials from a fresh run of the exec
   * plugin, although the token it cached has not expired by its own clock (revoked, rotated, or the clocks
   * disagree) — as client-go does. Requests refused together share one run; a request refused with older
   * credentials gets the newer ones.
   */
  async refresh(rejected: RefusedIdentity): Promise<RequestCredentials> {
    if (!this.perRequest) return this.initial;
    if (this.refreshing) return this.refreshing;
    if (identityKey(rejected) !== this.lastIdentity) return this.current();
    this.refreshing = (async () => {
      // client-node keeps an exec token per KubeConfig until its expiry; a copy of the config starts with none.
      const { KubeConfig } = await import('./clientNode');
      const fresh = new KubeConfig();
      const { clusters, users, contexts, currentContext } = this.kubeConfig;
      fresh.loadFromOptions({ clusters, users, contexts, currentContext });
      this.kubeConfig = fresh;
      return this.remember(await computeCredentials(fresh, this.contextName));
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private remember(credentials: RequestCredentials): RequestCredentials {
    this.lastIdentity = identityKey({ authorization: credentials.headers.authorization, cert: credentials.tls.cert });
    return credentials;
  }
}

async function computeCredentials(kubeConfig: KubeConfig, contextName: string): Promise<RequestCredentials> {
  const options: https.RequestOptions = {};
  try {
    await kubeConfig.applyToHTTPSOptions(options);
  } catch (e) {
    throw new Error(`cannot get credentials for context ${contextName}: ${errorMessage(e)}`);
  }
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries((options.headers as http.OutgoingHttpHeaders | undefined) ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  if (options.auth) headers.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = options;
  const proxied = Boolean(kubeConfig.getCurrentCluster()?.proxyUrl) && options.agent instanceof http.Agent;
  return {
    headers,
    tls: { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername },
    proxyAgent: proxied ? (options.agent as http.Agent) : undefined,
  };
}

/** What a refused request was sent with: its authorization header and client certificate. */
export interface RefusedIdentity {
  readonly authorization?: string | number | readonly string[];
  readonly cert?: TlsOptions['cert'];
}

function identityKey(identity: RefusedIdentity): string {
  const authorization = identity.authorization ?? '';
  return `${Array.isArray(authorization) ? authorization.join(', ') : String(authorization)}\n${pemText(identity.cert)}`;
}

/** Whether two credentials present the same client identity over TLS (exec plugins may issue new client certificates). */
export function sameTlsIdentity(a: TlsOptions, b: TlsOptions): boolean {
  return pemText(a.cert) === pemText(b.cert) && pemText(a.key) === pemText(b.key);
}

function pemText(value: TlsOptions['cert'] | TlsOptions['key']): string {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts
    .map((part) =>
      typeof part === 'string' || Buffer.isBuffer(part) ? part.toString() : 'pem' in part ? part.pem.toString() : '',
    )
    .join('\n');
}
