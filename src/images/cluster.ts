import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { describeYamlError } from '../util/yamlError';

/** How images reach the cluster: loaded into a local cluster's nodes, already there, or pushed to a registry. */
export type ClusterFlavour =
  | { readonly kind: 'kind'; readonly context: string; readonly clusterName: string }
  | { readonly kind: 'k3d'; readonly context: string; readonly clusterName: string }
  | { readonly kind: 'minikube'; readonly context: string; readonly profile: string }
  | { readonly kind: 'docker-desktop'; readonly context: string }
  | { readonly kind: 'registry'; readonly context?: string; readonly server?: string };

interface KubeconfigShape {
  'current-context'?: unknown;
  contexts?: Array<{ name?: unknown; context?: { cluster?: unknown } }>;
  clusters?: Array<{ name?: unknown; cluster?: { server?: unknown } }>;
}

/** The kubeconfig files kubectl would read: $KUBECONFIG (path list) or ~/.kube/config. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv): string[] {
  const list = env.KUBECONFIG?.split(delimiter).filter(Boolean);
  return list && list.length > 0 ? list : [join(env.HOME ?? homedir(), '.kube', 'config')];
}

/**
 * The current context, its cluster and server, merged over the files the way kubectl does (first one wins).
 * `problem`: a kubeconfig that is not valid YAML, by file, line and column only (never its text: tokens, passwords).
 */
export async function readCurrentContext(
  env: NodeJS.ProcessEnv,
  contextOverride?: string,
): Promise<{ context?: string; cluster?: string; server?: string; problem?: string }> {
  const docs: KubeconfigShape[] = [];
  for (const path of kubeconfigPaths(env)) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let parsed: unknown;
    try {
      // logLevel error: the library's warnings (an unknown tag) go to stderr with the lines around them.
      parsed = parse(text, { logLevel: 'error' });
    } catch (e) {
      return { problem: `cannot read kubeconfig ${path}: ${describeYamlError(e, text)}` };
    }
    if (parsed && typeof parsed === 'object') docs.push(parsed);
  }
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const context = contextOverride ?? docs.map((d) => str(d['current-context'])).find(Boolean);
  if (!context) return {};
  const cluster = docs.flatMap((d) => d.contexts ?? []).find((c) => c.name === context)?.context?.cluster;
  const server = docs.flatMap((d) => d.clusters ?? []).find((c) => c.name === cluster)?.cluster?.server;
  return { context, cluster: str(cluster), server: str(server) };
}

/**
 * Tells the local clusters apart by the names their tools give the context: kind-<name>, k3d-<name>, minikube (or the
 * profile name with a minikube-looking server), docker-desktop / docker-for-desktop. Anything else is a
 * cluster that pulls from a registry.
 */
export function detectFlavour(current: { context?: string; cluster?: string; server?: string }): ClusterFlavour {
  const { context, server } = current;
  if (!context) return { kind: 'registry' };
  if (context.startsWith('kind-')) return { kind: 'kind', context, clusterName: context.slice('kind-'.length) };
  if (context.startsWith('k3d-')) return { kind: 'k3d', context, clusterName: context.slice('k3d-'.length) };
  if (context === 'minikube' || current.cluster === 'minikube') return { kind: 'minikube', context, profile: context };
  if (
    context === 'docker-desktop' ||
    context === 'docker-for-desktop' ||
    /kubernetes\.docker\.internal/.test(server ?? '')
  ) {
    return { kind: 'docker-desktop', context };
  }
  return { kind: 'registry', context, server };
}
