// Simulator profiles: the friendly `demo` cluster, and fresh clusters of the usual local flavours as they ship
// (kind, minikube, Docker Desktop, k3d), modelled on what each one's nodes, StorageClass and IngressClass look
// like right after creation. Still a TEST DOUBLE: every node keeps the `starter-sim/test-double` label and says
// so in its osImage, and the kubeconfig's user is named for the simulator.
// Simplified: one node per flavour profile; versions and image lists are those of the flavours' releases around
// Kubernetes 1.32 (kind v0.26, minikube v1.35, Docker Desktop 4.38, k3d v5.8 with k3s v1.31); no metrics-server in
// any profile (k3s ships one: the profile leaves it out so that the preflight's metrics-server check is exercised).

export type SimProfileName = 'demo' | 'kind' | 'minikube' | 'docker-desktop' | 'k3d';
export const SIM_PROFILES: readonly SimProfileName[] = ['demo', 'kind', 'minikube', 'docker-desktop', 'k3d'];

export interface SimNodeShape {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly providerID?: string;
  readonly internalIP: string;
}

export interface SimProfile {
  readonly name: SimProfileName;
  /** Kubeconfig names, as the flavour's tool writes them. */
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  /** Node shapes; the demo profile makes `sim-node-1..N` instead. */
  readonly nodes?: readonly SimNodeShape[];
  /** `status.nodeInfo.containerRuntimeVersion`. */
  readonly runtime: string;
  /** The images a fresh node lists in `status.images`. */
  readonly systemImages: readonly string[];
  readonly storageClass: {
    readonly name: string;
    readonly provisioner: string;
    readonly bindingMode: 'Immediate' | 'WaitForFirstConsumer';
  };
  readonly ingressClass?: { readonly name: string; readonly controller: string };
  /**
   * When true, the kubelet pulls only images a real one could (public registries, not `starter-stack/*`): anything
   * else fails with ErrImagePull → ImagePullBackOff unless it was loaded onto the node. The demo pulls anything.
   */
  readonly strictPulls: boolean;
  /** Docker Desktop's node refuses `mountPropagation: HostToContainer` on a hostPath of `/`. */
  readonly refusesRootPropagation: boolean;
}

const TEST_DOUBLE = { 'starter-sim/test-double': 'true' };
const linux = (hostname: string) => ({
  'kubernetes.io/hostname': hostname,
  'kubernetes.io/os': 'linux',
  'kubernetes.io/arch': 'amd64',
  'beta.kubernetes.io/os': 'linux',
  'beta.kubernetes.io/arch': 'amd64',
});
const controlPlane = { 'node-role.kubernetes.io/control-plane': '' };

const K8S = (v: string) =>
  ['kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler'].map((c) => `registry.k8s.io/${c}:${v}`);
const CORE = ['registry.k8s.io/etcd:3.5.16-0', 'registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/pause:3.10'];

/** The starter stack's own images under the default prefix: the demo cluster has them, so it deploys as before. */
export const DEMO_PRELOADED = ['node-api', 'fastapi', 'go-api', 'frontend'].map((s) => `starter-stack/${s}:0.1.0`);

const PROFILES: Record<SimProfileName, SimProfile> = {
  demo: {
    name: 'demo',
    context: 'starter-sim',
    cluster: 'starter-sim',
    user: 'starter-sim-user',
    runtime: 'starter-sim://1.0',
    systemImages: DEMO_PRELOADED,
    storageClass: { name: 'standard', provisioner: 'starter-sim/local-path', bindingMode: 'Immediate' },
    strictPulls: false,
    refusesRootPropagation: false,
  },
  kind: {
    name: 'kind',
    context: 'kind-kind',
    cluster: 'kind-kind',
    user: 'kind-kind (starter-sim)',
    runtime: 'containerd://1.7.24',
    nodes: [
      {
        name: 'kind-control-plane',
        labels: { ...linux('kind-control-plane'), ...controlPlane, ...TEST_DOUBLE },
        providerID: 'kind://docker/kind/kind-control-plane',
        internalIP: '172.18.0.2',
      },
    ],
    systemImages: [
      ...K8S('v1.32.0'),
      ...CORE,
      'docker.io/kindest/kindnetd:v20241212-9f82dd49',
      'docker.io/kindest/local-path-provisioner:v20241212-8ac705d0',
      'docker.io/kindest/local-path-helper:v20241212-8ac705d0',
    ],
    storageClass: { name: 'standard', provisioner: 'rancher.io/local-path', bindingMode: 'WaitForFirstConsumer' },
    strictPulls: true,
    refusesRootPropagation: false,
  },
  minikube: {
    name: 'minikube',
    context: 'minikube',
    cluster: 'minikube',
    user: 'minikube (starter-sim)',
    runtime: 'docker://27.4.1',
    nodes: [
      {
        name: 'minikube',
        internalIP: '192.168.49.2',
        labels: {
          ...linux('minikube'),
          ...controlPlane,
          'minikube.k8s.io/name': 'minikube',
          'minikube.k8s.io/primary': 'true',
          'minikube.k8s.io/version': 'v1.35.0',
          ...TEST_DOUBLE,
        },
      },
    ],
    systemImages: [...K8S('v1.32.0'), ...CORE, 'gcr.io/k8s-minikube/storage-provisioner:v5'],
    storageClass: { name: 'standard', provisioner: 'k8s.io/minikube-hostpath', bindingMode: 'Immediate' },
    strictPulls: true,
    refusesRootPropagation: false,
  },
  'docker-desktop': {
    name: 'docker-desktop',
    context: 'docker-desktop',
    cluster: 'docker-desktop',
    user: 'docker-desktop (starter-sim)',
    runtime: 'docker://27.5.1',
    nodes: [
      {
        name: 'docker-desktop',
        labels: { ...linux('docker-desktop'), ...controlPlane, ...TEST_DOUBLE },
        internalIP: '192.168.65.3',
      },
    ],
    systemImages: [
      ...K8S('v1.32.2'),
      ...CORE,
      'docker/desktop-storage-provisioner:v2.0',
      'docker/desktop-vpnkit-controller:dc331cb22850be0cdd97c84a9cfecaf44a1afb6e',
    ],
    storageClass: { name: 'hostpath', provisioner: 'docker.io/hostpath', bindingMode: 'Immediate' },
    strictPulls: true,
    refusesRootPropagation: true,
  },
  k3d: {
    name: 'k3d',
    context: 'k3d-k3s-default',
    cluster: 'k3d-k3s-default',
    user: 'admin@k3d-k3s-default (starter-sim)',
    runtime: 'containerd://1.7.23-k3s2',
    nodes: [
      {
        name: 'k3d-k3s-default-server-0',
        providerID: 'k3s://k3d-k3s-default-server-0',
        internalIP: '172.19.0.2',
        labels: {
          ...linux('k3d-k3s-default-server-0'),
          'node-role.kubernetes.io/control-plane': 'true',
          'node-role.kubernetes.io/master': 'true',
          'node.kubernetes.io/instance-type': 'k3s',
          'beta.kubernetes.io/instance-type': 'k3s',
          ...TEST_DOUBLE,
        },
      },
    ],
    systemImages: [
      'docker.io/rancher/mirrored-coredns-coredns:1.12.0',
      'docker.io/rancher/local-path-provisioner:v0.0.30',
      'docker.io/rancher/klipper-helm:v0.9.3-build20241008',
      'docker.io/rancher/klipper-lb:v0.4.9',
      'docker.io/rancher/mirrored-library-traefik:2.11.18',
      'docker.io/rancher/mirrored-pause:3.6',
    ],
    storageClass: { name: 'local-path', provisioner: 'rancher.io/local-path', bindingMode: 'WaitForFirstConsumer' },
    ingressClass: { name: 'traefik', controller: 'traefik.io/ingress-controller' },
    strictPulls: true,
    refusesRootPropagation: false,
  },
};

export function simProfile(name: SimProfileName = 'demo'): SimProfile {
  return PROFILES[name];
}

export function isSimProfileName(value: string): value is SimProfileName {
  return (SIM_PROFILES as readonly string[]).includes(value);
}

/** `starter-stack/x:1` → `docker.io/starter-stack/x:1`; `postgres:16` → `docker.io/library/postgres:16`; a missing tag is `latest`. */
export function canonicalImage(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at) : '';
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let full = hasRegistry ? name : `docker.io/${slash >= 0 ? name : `library/${name}`}`;
  if (!digest && !/:[^/]+$/.test(full)) full += ':latest';
  return full + digest;
}

/** Registries a fresh cluster can pull public images from. */
const PUBLIC_REGISTRIES = new Set([
  'docker.io',
  'quay.io',
  'ghcr.io',
  'registry.k8s.io',
  'gcr.io',
  'mcr.microsoft.com',
  'public.ecr.aws',
]);

/** Why a real kubelet could not pull this image, or undefined when it could (a public, pinned image). */
export function pullRefusal(image: string, runtime: string): string | undefined {
  const full = canonicalImage(image);
  const registry = full.slice(0, full.indexOf('/'));
  const repository = full.replace(/[:@].*$/, '');
  if (!PUBLIC_REGISTRIES.has(registry)) return `dial tcp: lookup ${registry.replace(/:\d+$/, '')}: no such host`;
  if (!repository.startsWith('docker.io/starter-stack/')) return undefined;
  if (runtime.startsWith('docker://')) {
    const short = repository.replace(/^docker\.io\//, '');
    return `Error response from daemon: pull access denied for ${short}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
  }
  return `failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
