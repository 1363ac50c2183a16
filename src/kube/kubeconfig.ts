import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { err, errorMessage, ok, type Result } from '../util/result';
import { describeYamlError, isYamlError } from '../util/yamlError';
import { parseKubeconfig, type Kubeconfig } from './kubeconfigData';

export type { Kubeconfig } from './kubeconfigData';

/** Where to look for a kubeconfig and which context/namespace to use; every field optional. */
export interface KubeconfigRequest {
  /** An explicit kubeconfig file (`--kubeconfig`); wins over KUBECONFIG and ~/.kube/config. */
  readonly file?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly home?: string;
}

/** A loaded kubeconfig with the context chosen: everything needed to talk to one cluster. */
export interface ClusterTarget {
  /** The merged kubeconfig, its current context the chosen one (`toClientNode` makes a client-node KubeConfig of it). */
  readonly kubeConfig: Kubeconfig;
  readonly contextName: string;
  /** The namespace for namespaced objects that name none: the context's, else `default`. */
  readonly namespace: string;
  readonly server: string;
  /** The files the configuration was merged from, in precedence order. */
  readonly files: readonly string[];
}

export interface ContextSummary {
  readonly name: string;
  readonly cluster: string;
  readonly namespace?: string;
  readonly current: boolean;
}

/** The kubeconfig files kubectl would read, in precedence order, with whether each exists. */
export function kubeconfigCandidates(request: KubeconfigRequest): string[] {
  const env = request.env ?? process.env;
  const cwd = request.cwd ?? process.cwd();
  if (request.file !== undefined) return [resolve(cwd, request.file)];
  const list = env.KUBECONFIG?.split(delimiter).filter((p) => p.length > 0) ?? [];
  if (list.length > 0) return list.map((p) => resolve(cwd, p));
  return [join(request.home ?? homedir(), '.kube', 'config')];
}

/** Loads and merges the kubeconfig files like kubectl does: for each name, the first file that defines it wins. */
export async function loadKubeconfig(request: KubeconfigRequest = {}): Promise<Result<Kubeconfig>> {
  const candidates = kubeconfigCandidates(request);
  const files = candidates.filter((f) => existsSync(f));
  if (files.length === 0 || (request.file !== undefined && files.length !== candidates.length)) {
    return err(`no kubeconfig found (looked at ${candidates.join(', ')})`);
  }
  const merged: Kubeconfig = { clusters: [], users: [], contexts: [], currentContext: '' };
  for (const file of files) {
    let single: Kubeconfig;
    try {
      const text = readFileSync(file, 'utf8');
      if (text.trim() === '') return err(`kubeconfig ${file} is empty`);
      single = await parseKubeconfig(text, file);
      if (single.clusters.length + single.contexts.length + single.users.length === 0)
        return err(`kubeconfig ${file} is not a kubeconfig: it defines no clusters, contexts or users`);
    } catch (e) {
      if (e instanceof TypeError)
        return err(`kubeconfig ${file} is not a kubeconfig: expected a mapping with clusters, contexts and users`);
      return err(`cannot read kubeconfig ${file}: ${kubeconfigProblem(e)}`);
    }
    mergeFirstWins(merged, single);
  }
  return ok(merged);
}

/**
 * Why a kubeconfig could not be loaded, as kubectl says it: a YAML error by line and column only (the parser's
 * message quotes the lines around it, tokens and passwords included), anything else by its first line.
 */
function kubeconfigProblem(e: unknown): string {
  return isYamlError(e) ? describeYamlError(e) : (errorMessage(e).split('\n')[0] ?? '');
}

function mergeFirstWins(into: Kubeconfig, from: Kubeconfig): void {
  if (!into.currentContext && from.currentContext) into.currentContext = from.currentContext;
  const has = (list: readonly { name: string }[], name: string): boolean => list.some((x) => x.name === name);
  for (const c of from.clusters) if (!has(into.clusters, c.name)) into.clusters.push(c);
  for (const u of from.users) if (!has(into.users, u.name)) into.users.push(u);
  for (const c of from.contexts) if (!has(into.contexts, c.name)) into.contexts.push(c);
}

export function listContexts(kubeConfig: Pick<Kubeconfig, 'contexts' | 'currentContext'>): ContextSummary[] {
  return kubeConfig.contexts.map((c) => ({
    name: c.name,
    cluster: c.cluster,
    namespace: c.namespace,
    current: c.name === kubeConfig.currentContext,
  }));
}

/** Picks the context (the requested one, else the current one) and the namespace. */
export function selectContext(
  kubeConfig: Kubeconfig,
  request: KubeconfigRequest,
  files: readonly string[] = [],
): Result<ClusterTarget> {
  const available = kubeConfig.contexts.map((c) => c.name);
  const name = request.context ?? kubeConfig.currentContext;
  if (!name) {
    return err(`no current context is set; choose one with --context (available: ${available.join(', ') || 'none'})`);
  }
  const context = kubeConfig.contexts.find((c) => c.name === name);
  if (!context) return err(`unknown context "${name}" (available: ${available.join(', ') || 'none'})`);
  const cluster = kubeConfig.clusters.find((c) => c.name === context.cluster);
  if (!cluster)
    return err(`context "${name}" refers to cluster "${context.cluster}", which the kubeconfig does not define`);
  kubeConfig.currentContext = name;
  allowPlainHttp(kubeConfig, cluster.name);
  const namespace = request.namespace ?? (context.namespace || 'default');
  return ok({ kubeConfig, contextName: name, namespace, server: cluster.server, files });
}

/**
 * kubectl talks to an `http://` server as it is; client-node refuses unless TLS verification is off.
 * TLS settings mean nothing without TLS, so mark such a cluster that way.
 */
function allowPlainHttp(kubeConfig: Kubeconfig, clusterName: string): void {
  kubeConfig.clusters = kubeConfig.clusters.map((c) =>
    c.name === clusterName && c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c,
  );
}

/** Loads the kubeconfig and selects the context in one step: what the CLI and the editor call. */
export async function resolveClusterTarget(request: KubeconfigRequest = {}): Promise<Result<ClusterTarget>> {
  const loaded = await loadKubeconfig(request);
  if (!loaded.ok) return loaded;
  const files = kubeconfigCandidates(request).filter((f) => existsSync(f));
  return selectContext(loaded.value, request, files);
}
