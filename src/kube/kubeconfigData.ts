import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
// Types only: the client library (megabytes of generated API) loads only where a feature needs it (`toClientNode`).
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { readOneDocument } from './manifestReader';

/**
 * A kubeconfig as data, in client-node's shapes (so `toClientNode` hands it over as it is). Read with the `yaml`
 * package: parsing it with client-node meant loading all of client-node, the larger part of `apply`'s start-up.
 */
export interface Kubeconfig {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string;
}

export type { Cluster as KubeconfigCluster, User as KubeconfigUser };

type Entry = Record<string, unknown> & { name?: unknown };

/** The entries of one list, each checked as client-node checks it (the same messages: `clusters[0].name is missing`). */
function entries<T>(list: unknown, each: (entry: Entry, i: number) => T): T[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry: Entry | null, i) => each(entry ?? {}, i));
}

function required(value: unknown, what: string): void {
  if (!value) throw new Error(`${what} is missing`);
}

/** An entry's mapping (`cluster`, `context`), after checking that the entry has a name and the mapping. */
function section(entry: Entry, where: string, key: string): Record<string, unknown> {
  required(entry.name, `${where}.name`);
  required(entry[key], `${where}.${key}`);
  return entry[key] as Record<string, unknown>;
}

function clusters(list: unknown, root: string): Cluster[] {
  return entries(list, (entry, i) => {
    const c = section(entry, `clusters[${i}]`, 'cluster');
    required(c.server, `clusters[${i}].cluster.server`);
    return {
      name: entry.name as string,
      server: String(c.server).replace(/\/$/, ''),
      caData: c['certificate-authority-data'] as string | undefined,
      caFile: absolute(root, c['certificate-authority']),
      skipTLSVerify: c['insecure-skip-tls-verify'] === true,
      tlsServerName: c['tls-server-name'] as string | undefined,
      proxyUrl: c['proxy-url'] as string | undefined,
    };
  });
}

function users(list: unknown, root: string): User[] {
  return entries(list, (entry, i) => {
    required(entry.name, `users[${i}].name`);
    const u = (entry.user ?? {}) as Record<string, unknown>;
    // As client-node: a `token-file` is read once, when the kubeconfig is (relative to the kubeconfig, as kubectl).
    const tokenFile = absolute(root, u['token-file']);
    return {
      name: entry.name as string,
      authProvider: u['auth-provider'],
      certData: u['client-certificate-data'] as string | undefined,
      certFile: absolute(root, u['client-certificate']),
      exec: u.exec,
      keyData: u['client-key-data'] as string | undefined,
      keyFile: absolute(root, u['client-key']),
      token: (u.token as string | undefined) || (tokenFile ? readFileSync(tokenFile, 'utf8') : undefined),
      password: u.password as string | undefined,
      username: u.username as string | undefined,
      impersonateUser: u.as as string | undefined,
    };
  });
}

function contexts(list: unknown): Context[] {
  return entries(list, (entry, i) => {
    const c = section(entry, `contexts[${i}]`, 'context');
    required(c.cluster, `contexts[${i}].context.cluster`);
    return {
      name: entry.name as string,
      cluster: c.cluster as string,
      user: (c.user || undefined) as string,
      namespace: (c.namespace || undefined) as string | undefined,
    };
  });
}

/** Relative certificate and key paths are relative to the kubeconfig's folder, as kubectl and client-node read them. */
function absolute(root: string, file: unknown): string | undefined {
  if (typeof file !== 'string' || file === '') return undefined;
  return isAbsolute(file) ? file : join(root, file);
}

/**
 * Parses one kubeconfig file's text. Throws the yaml library's error for bad YAML, a TypeError for a document that
 * is no mapping at all (`null`), and an Error naming the first entry that lacks a required field.
 */
export async function parseKubeconfig(text: string, file: string): Promise<Kubeconfig> {
  const doc = (readOneDocument(text)?.value ?? (await parseWithYaml(text))) as Record<string, unknown> | null;
  if (doc === null || doc === undefined) throw new TypeError('not a mapping');
  const root = dirname(file);
  return {
    clusters: clusters(doc.clusters, root),
    contexts: contexts(doc.contexts),
    users: users(doc.users, root),
    currentContext: typeof doc['current-context'] === 'string' ? doc['current-context'] : '',
  };
}

/** Merge keys (`<<:`) as kubectl's YAML reader takes them; warnings (an unknown tag) are not the user's business. */
async function parseWithYaml(text: string): Promise<unknown> {
  const { parse } = await import('yaml');
  return parse(text, { merge: true, logLevel: 'error' });
}

export function currentContextOf(config: Kubeconfig): Context | undefined {
  return config.contexts.find((c) => c.name === config.currentContext);
}

export function currentClusterOf(config: Kubeconfig): Cluster | undefined {
  const context = currentContextOf(config);
  return context && config.clusters.find((c) => c.name === context.cluster);
}

export function currentUserOf(config: Kubeconfig): User | undefined {
  const context = currentContextOf(config);
  return context && config.users.find((u) => u.name === context.user);
}

/**
 * The same configuration as client-node's KubeConfig, for what only client-node does: exec plugins and auth providers,
 * proxies, the log and port-forward clients. Each call is a fresh KubeConfig (so one with no cached exec token).
 */
export async function toClientNode(config: Kubeconfig): Promise<KubeConfig> {
  const { KubeConfig } = await import('./clientNode');
  const kubeConfig = new KubeConfig();
  const { clusters, users, contexts, currentContext } = config;
  kubeConfig.loadFromOptions({ clusters, users, contexts, currentContext });
  return kubeConfig;
}
