import { readFileSync } from 'node:fs';
import http from 'node:http';
import type https from 'node:https';
// Types only: the client library loads only for what it alone does (exec plugins, auth providers, proxies).
import type { KubeConfig } from '@kubernetes/client-node';
import { errorMessage } from '../util/result';
import {
  currentClusterOf,
  currentUserOf,
  toClientNode,
  type Kubeconfig,
  type KubeconfigCluster,
  type KubeconfigUser,
} from './kubeconfigData';

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

/** What computes a context's credentials with client-node: a fresh KubeConfig of the data (tests pass a stand-in). */
export type ClientNodeConfig = (config: Kubeconfig) => Promise<Pick<KubeConfig, 'applyToHTTPSOptions'>>;

/**
 * The credentials of one context. Tokens, certificates and passwords written in the kubeconfig are read once, here,
 * as client-node would (`applyToHTTPSOptions`), without loading it. Exec plugins and auth providers (OIDC, token
 * files) go through client-node, asked again before every request: it caches an exec token until its
 * `expirationTimestamp` and runs the plugin again after that, so a session open for hours keeps working after the
 * first token expires. A `proxy-url` also goes through client-node (its proxy agents).
 */
export class Credentials {
  private pending: Promise<RequestCredentials> | undefined;
  private refreshing: Promise<RequestCredentials> | undefined;
  /** Who the last credentials handed out say the client is (token and client certificate). */
  private lastIdentity = '';
  private clientNode: Promise<Pick<KubeConfig, 'applyToHTTPSOptions'>> | undefined;

  private constructor(
    private readonly config: Kubeconfig,
    private readonly contextName: string,
    private readonly makeClientNode: ClientNodeConfig,
    private readonly perRequest: boolean,
  ) {}

  private first: RequestCredentials | undefined;

  /** The credentials computed at connect time. */
  get initial(): RequestCredentials {
    if (!this.first) throw new Error('Credentials.initial read before load() finished');
    return this.first;
  }

  /** Computes the credentials once (running an exec plugin if there is one); rejects with a message naming the context. */
  static async load(
    config: Kubeconfig,
    contextName: string,
    makeClientNode: ClientNodeConfig = toClientNode,
  ): Promise<Credentials> {
    const user = currentUserOf(config);
    const credentials = new Credentials(config, contextName, makeClientNode, Boolean(user?.exec ?? user?.authProvider));
    credentials.first = credentials.remember(await credentials.compute());
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
    this.pending ??= this.compute()
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
    // client-node keeps an exec token per KubeConfig until its expiry; a new KubeConfig starts with none.
    this.clientNode = undefined;
    this.refreshing = this.compute()
      .then((credentials) => this.remember(credentials))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async compute(): Promise<RequestCredentials> {
    try {
      const cluster = currentClusterOf(this.config);
      if (!this.perRequest && !cluster?.proxyUrl) return staticCredentials(cluster, currentUserOf(this.config));
      // A failed load is not kept: the next request loads again.
      this.clientNode ??= this.makeClientNode(this.config).catch((e: unknown) => {
        this.clientNode = undefined;
        throw e;
      });
      return await clientNodeCredentials(await this.clientNode, Boolean(cluster?.proxyUrl));
    } catch (e) {
      throw new Error(`cannot get credentials for context ${this.contextName}: ${errorMessage(e)}`);
    }
  }

  private remember(credentials: RequestCredentials): RequestCredentials {
    this.lastIdentity = identityKey({ authorization: credentials.headers.authorization, cert: credentials.tls.cert });
    return credentials;
  }
}

/** A file's bytes, else base64 data decoded, as client-node's `bufferFromFileOrString` (a file wins). */
function fileOrData(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  return data ? Buffer.from(data, 'base64') : undefined;
}

/** What client-node's `applyToHTTPSOptions` gives for a user with no exec plugin or auth provider, computed here. */
export function staticCredentials(
  cluster: KubeconfigCluster | undefined,
  user: KubeconfigUser | undefined,
): RequestCredentials {
  const headers: http.OutgoingHttpHeaders = {};
  if (user?.impersonateUser != null) headers['impersonate-user'] = user.impersonateUser;
  if (user?.token) headers.authorization = `Bearer ${user.token}`;
  // A user name wins over a token, as in client-node (which sends the two as Basic auth and a header).
  if (user?.username)
    headers.authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  const tls: { -readonly [K in keyof TlsOptions]: TlsOptions[K] } = {};
  if (cluster?.skipTLSVerify) tls.rejectUnauthorized = false;
  if (cluster?.tlsServerName) tls.servername = cluster.tlsServerName;
  const ca = cluster && fileOrData(cluster.caFile, cluster.caData);
  if (ca) tls.ca = ca;
  const cert = user && fileOrData(user.certFile, user.certData);
  if (cert) tls.cert = cert;
  const key = user && fileOrData(user.keyFile, user.keyData);
  if (key) tls.key = key;
  return { headers, tls };
}

/** What client-node's `applyToHTTPSOptions` gives, as request credentials (exec plugins run here). */
export async function clientNodeCredentials(
  kubeConfig: Pick<KubeConfig, 'applyToHTTPSOptions'>,
  proxied: boolean,
): Promise<RequestCredentials> {
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries((options.headers as http.OutgoingHttpHeaders | undefined) ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  if (options.auth) headers.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = options;
  return {
    headers,
    tls: { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername },
    proxyAgent: proxied && options.agent instanceof http.Agent ? options.agent : undefined,
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
