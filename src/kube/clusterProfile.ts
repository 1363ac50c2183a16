/**
 * Which kind of cluster a context points at, from what is cheap to know: the kubeconfig's context, cluster and
 * user names and server URL, and (when the caller has read them) the nodes' labels, providerID and runtime, and
 * the server version. Node facts win over names: a context can be renamed, a node's providerID cannot.
 */
import { own } from '../util/own';

export type ClusterFlavourId =
  | 'kind'
  | 'minikube'
  | 'docker-desktop'
  | 'k3d'
  | 'k3s'
  | 'rancher-desktop'
  | 'microk8s'
  | 'orbstack'
  | 'openshift'
  | 'eks'
  | 'gke'
  | 'aks'
  | 'unknown';

/** What the profile is detected from; every field optional. */
export interface ClusterFacts {
  readonly contextName?: string;
  readonly clusterName?: string;
  readonly userName?: string;
  readonly server?: string;
  /** `gitVersion` from /version, e.g. v1.31.5+k3s1. */
  readonly version?: string;
  readonly nodes?: readonly NodeFacts[];
}

export interface NodeFacts {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly providerID?: string;
  /** `status.nodeInfo.containerRuntimeVersion`, e.g. containerd://1.7.24 or docker://27.4.1. */
  readonly containerRuntimeVersion?: string;
}

export interface ClusterProfile {
  readonly flavour: ClusterFlavourId;
  /** A name for people: "kind", "Docker Desktop". */
  readonly label: string;
  /** The container runtime the nodes report (docker, containerd, cri-o), when nodes were read. */
  readonly runtime?: string;
  /** The cluster is the starter-sim test double, not a real cluster. */
  readonly simulated: boolean;
  /** What gave the flavour away, for tooltips and `doctor`. */
  readonly evidence: string;
  /** True for clusters on this machine whose nodes get images by loading them (no registry push needed). */
  readonly local: boolean;
}

const LABELS: Record<ClusterFlavourId, string> = {
  kind: 'kind',
  minikube: 'minikube',
  'docker-desktop': 'Docker Desktop',
  k3d: 'k3d',
  k3s: 'k3s',
  'rancher-desktop': 'Rancher Desktop',
  microk8s: 'MicroK8s',
  orbstack: 'OrbStack',
  openshift: 'OpenShift',
  eks: 'Amazon EKS',
  gke: 'Google GKE',
  aks: 'Azure AKS',
  unknown: 'unknown',
};

/** The flavours that run on the developer's own machine. */
export const LOCAL_FLAVOURS: ReadonlySet<ClusterFlavourId> = new Set<ClusterFlavourId>([
  'kind',
  'minikube',
  'docker-desktop',
  'k3d',
  'k3s',
  'rancher-desktop',
  'microk8s',
  'orbstack',
]);

type Verdict = { readonly flavour: ClusterFlavourId; readonly evidence: string } | undefined;

const has = (labels: Readonly<Record<string, string>> | undefined, key: string): boolean =>
  labels !== undefined && Object.hasOwn(labels, key);
const label = (labels: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  labels === undefined ? undefined : own(labels, key);

/** k3s underneath k3d and Rancher Desktop: tell them apart by their names. */
function k3sKind(facts: ClusterFacts, node?: NodeFacts): ClusterFlavourId {
  const names = [facts.contextName, facts.clusterName, node?.name].filter((n): n is string => n !== undefined);
  if (names.some((n) => n.startsWith('k3d-'))) return 'k3d';
  if (names.some((n) => n.includes('rancher-desktop'))) return 'rancher-desktop';
  return 'k3s';
}

function fromNode(facts: ClusterFacts, node: NodeFacts): Verdict {
  const id = node.providerID ?? '';
  const labels = node.labels;
  if (id.startsWith('kind://')) return { flavour: 'kind', evidence: `node ${node.name} has providerID ${id}` };
  if (id.startsWith('k3s://'))
    return { flavour: k3sKind(facts, node), evidence: `node ${node.name} has providerID ${id}` };
  if (id.startsWith('aws://')) return { flavour: 'eks', evidence: `node ${node.name} has providerID aws://…` };
  if (id.startsWith('gce://')) return { flavour: 'gke', evidence: `node ${node.name} has providerID gce://…` };
  if (id.startsWith('azure://')) return { flavour: 'aks', evidence: `node ${node.name} has providerID azure://…` };
  const byLabel: Array<[string, ClusterFlavourId]> = [
    ['minikube.k8s.io/name', 'minikube'],
    ['microk8s.io/cluster', 'microk8s'],
    ['node.openshift.io/os_id', 'openshift'],
    ['eks.amazonaws.com/nodegroup', 'eks'],
    ['cloud.google.com/gke-nodepool', 'gke'],
    ['kubernetes.azure.com/cluster', 'aks'],
  ];
  for (const [key, flavour] of byLabel)
    if (has(labels, key)) return { flavour, evidence: `node ${node.name} has label ${key}` };
  if (label(labels, 'node.kubernetes.io/instance-type') === 'k3s') {
    return { flavour: k3sKind(facts, node), evidence: `node ${node.name} is a k3s instance` };
  }
  if (node.name === 'docker-desktop')
    return { flavour: 'docker-desktop', evidence: 'the node is named docker-desktop' };
  if (node.name === 'orbstack') return { flavour: 'orbstack', evidence: 'the node is named orbstack' };
  if (node.name === 'lima-rancher-desktop')
    return { flavour: 'rancher-desktop', evidence: 'the node is named lima-rancher-desktop' };
  return undefined;
}

function fromNames(facts: ClusterFacts): Verdict {
  const context = facts.contextName ?? '';
  const cluster = facts.clusterName ?? '';
  const server = facts.server ?? '';
  const either = (test: (n: string) => boolean): string | undefined =>
    [context, cluster].find((n) => n !== '' && test(n));
  const named = (flavour: ClusterFlavourId, name: string | undefined, what = 'context'): Verdict =>
    name === undefined ? undefined : { flavour, evidence: `${what} ${name}` };
  return (
    named(
      'kind',
      either((n) => n.startsWith('kind-')),
    ) ??
    named(
      'k3d',
      either((n) => n.startsWith('k3d-')),
    ) ??
    named(
      'minikube',
      either((n) => n === 'minikube'),
    ) ??
    named(
      'docker-desktop',
      either((n) => n === 'docker-desktop' || n === 'docker-for-desktop'),
    ) ??
    named('docker-desktop', /kubernetes\.docker\.internal/.test(server) ? server : undefined, 'server') ??
    named(
      'rancher-desktop',
      either((n) => n === 'rancher-desktop'),
    ) ??
    named(
      'microk8s',
      either((n) => n === 'microk8s' || n === 'microk8s-cluster'),
    ) ??
    named(
      'orbstack',
      either((n) => n === 'orbstack'),
    ) ??
    named(
      'eks',
      either((n) => n.startsWith('arn:aws:eks:')) ?? (/\.eks\.amazonaws\.com/.test(server) ? server : undefined),
    ) ??
    named(
      'gke',
      either((n) => n.startsWith('gke_')),
    ) ??
    named('aks', /\.azmk8s\.io/.test(server) ? server : undefined, 'server') ??
    named(
      'openshift',
      /^https:\/\/api\.[^/]+:6443\/?$/.test(server) && /\/api-[^/]+:6443\//.test(context) ? server : undefined,
      'server',
    ) ??
    undefined
  );
}

function fromVersion(facts: ClusterFacts): Verdict {
  const v = facts.version ?? '';
  if (v.includes('+k3s')) return { flavour: k3sKind(facts), evidence: `server version ${v}` };
  if (/-eks-/.test(v)) return { flavour: 'eks', evidence: `server version ${v}` };
  if (/-gke\./.test(v)) return { flavour: 'gke', evidence: `server version ${v}` };
  return undefined;
}

/** The runtime's name from `docker://27.4.1`. */
function runtimeOf(nodes: readonly NodeFacts[] | undefined): string | undefined {
  const raw = nodes?.find((n) => n.containerRuntimeVersion)?.containerRuntimeVersion;
  return raw?.split('://')[0] || undefined;
}

export function detectClusterProfile(facts: ClusterFacts): ClusterProfile {
  const nodeVerdict = (facts.nodes ?? []).map((n) => fromNode(facts, n)).find((v) => v !== undefined);
  const verdict = nodeVerdict ??
    fromVersion(facts) ??
    fromNames(facts) ?? {
      flavour: 'unknown' as const,
      evidence: 'no known context name, server, node label or providerID',
    };
  const simulated =
    (facts.nodes ?? []).some((n) => label(n.labels, 'starter-sim/test-double') === 'true') ||
    [facts.clusterName, facts.userName, facts.contextName].some((n) => n?.includes('starter-sim') === true);
  const runtime = runtimeOf(facts.nodes);
  return {
    flavour: verdict.flavour,
    label: LABELS[verdict.flavour],
    ...(runtime ? { runtime } : {}),
    simulated,
    evidence: verdict.evidence,
    local: LOCAL_FLAVOURS.has(verdict.flavour),
  };
}

/** "kind", "kind (starter-sim simulator)", "unknown". */
export function describeProfile(profile: ClusterProfile): string {
  return profile.simulated ? `${profile.label} (starter-sim simulator, not a real cluster)` : profile.label;
}

/** The profile from a kubeconfig target's names alone (no request): what the tree and status bar show at once. */
export function profileFromNames(target: {
  readonly contextName: string;
  readonly server: string;
  readonly kubeConfig?: { readonly contexts: ReadonlyArray<{ name: string; cluster: string; user: string }> };
}): ClusterProfile {
  const context = target.kubeConfig?.contexts.find((c) => c.name === target.contextName);
  return detectClusterProfile({
    contextName: target.contextName,
    server: target.server,
    clusterName: context?.cluster,
    userName: context?.user,
  });
}
