import { LOCAL_FLAVOURS, type ClusterFlavourId } from './clusterProfile';

/** What to do about a failed check, per cluster flavour: one line a user can act on (a command or an action). */
type PerFlavour = Partial<Record<ClusterFlavourId, string>> & { readonly other: string };

const pick = (table: PerFlavour, flavour: ClusterFlavourId): string =>
  Object.hasOwn(table, flavour) ? (table[flavour] ?? table.other) : table.other;

const UNREACHABLE: PerFlavour = {
  kind: 'Start the cluster: `docker start kind-control-plane` (or create one: `kind create cluster`), then check `kubectl cluster-info`.',
  minikube: 'Start the cluster: `minikube start`.',
  'docker-desktop': 'Start Docker Desktop and turn on Kubernetes (Settings → Kubernetes → Enable Kubernetes).',
  k3d: 'Start the cluster: `k3d cluster start` (or create one: `k3d cluster create`).',
  'rancher-desktop': 'Start Rancher Desktop with Kubernetes enabled.',
  microk8s: 'Start it: `microk8s start`, then `microk8s status --wait-ready`.',
  orbstack: 'Start OrbStack and turn on Kubernetes (Settings → Kubernetes).',
  other:
    'Check that the server in your kubeconfig is up and reachable from here (VPN, firewall), e.g. `kubectl cluster-info`.',
};

const UNAUTHORIZED: PerFlavour = {
  eks: 'Log in again: `aws sso login` (or refresh your AWS credentials), then retry.',
  gke: 'Log in again: `gcloud auth login` (the gke-gcloud-auth-plugin uses it), then retry.',
  aks: 'Log in again: `az login`, then `az aks get-credentials`.',
  openshift: 'Log in again: `oc login`.',
  other:
    'Your credentials were refused: get a fresh kubeconfig for this cluster (for a local cluster, recreate its context with the tool that made it).',
};

export function unreachableFix(flavour: ClusterFlavourId, unauthorized: boolean): string {
  return pick(unauthorized ? UNAUTHORIZED : UNREACHABLE, flavour);
}

export function permissionsFix(flavour: ClusterFlavourId, missing: string): string {
  const local = LOCAL_FLAVOURS.has(flavour);
  return local
    ? `The context's user is not the cluster admin that ${flavour} sets up: switch to the context ${flavour} created, or grant ${missing}.`
    : `Ask a cluster admin for a Role (and ClusterRole for cluster-wide objects) granting ${missing}, or use a context that has it.`;
}

const LOAD_IMAGES: PerFlavour = {
  kind: 'Build and Load Images (`starter-stack images build` then `starter-stack images load`, which runs `kind load docker-image`).',
  minikube:
    'Build and Load Images (`starter-stack images build` then `starter-stack images load`, which runs `minikube image load`).',
  k3d: 'Build and Load Images (`starter-stack images build` then `starter-stack images load`, which runs `k3d image import`).',
  'docker-desktop':
    "Build and Load Images (`starter-stack images build`: Docker Desktop's cluster uses Docker's own images, so building is enough).",
  'rancher-desktop':
    'Build the images with `starter-stack images build` while Rancher Desktop uses dockerd (moby), or `nerdctl --namespace k8s.io build` with containerd.',
  orbstack: "Build the images with `starter-stack images build`: OrbStack's cluster uses Docker's own images.",
  k3s: 'Build the images, then import them on each node: `docker save IMAGE | sudo k3s ctr images import -`.',
  microk8s: 'Build the images, then `docker save IMAGE | microk8s images import`.',
  other:
    'Push the images to a registry the cluster can pull from: set the image prefix (starterStack.imagePrefix / --image-prefix) to it, e.g. ghcr.io/you, then Build and Load Images (pushes).',
};

export function appImagesFix(flavour: ClusterFlavourId): string {
  return pick(LOAD_IMAGES, flavour);
}

const INGRESS_CONTROLLER: PerFlavour = {
  minikube: 'Enable its ingress controller: `minikube addons enable ingress`.',
  kind: 'Install ingress-nginx for kind: `kubectl apply -f https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml`; the cluster must map host ports 80/443 (`extraPortMappings` in the kind config it was created with) for 127.0.0.1.nip.io to reach it.',
  'docker-desktop':
    'Install ingress-nginx: `kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.0/deploy/static/provider/cloud/deploy.yaml` (its LoadBalancer Service gets localhost).',
  k3d: 'k3d ships Traefik unless it was disabled (`--k3s-arg "--disable=traefik@server:*"`): recreate the cluster without that flag, or install ingress-nginx.',
  k3s: 'k3s ships Traefik unless it was disabled (`--disable=traefik`): re-enable it, or install ingress-nginx.',
  'rancher-desktop': 'Turn Traefik back on (Preferences → Kubernetes → Enable Traefik), or install ingress-nginx.',
  microk8s: 'Enable its ingress controller: `microk8s enable ingress`.',
  other:
    'Install an ingress controller (for example ingress-nginx) and mark its IngressClass default (annotation ingressclass.kubernetes.io/is-default-class: "true").',
};

export function ingressControllerFix(flavour: ClusterFlavourId): string {
  return pick(INGRESS_CONTROLLER, flavour);
}

const METRICS_SERVER: PerFlavour = {
  minikube:
    'Enable it: `minikube addons enable metrics-server`, or add the optional metrics-server component to the stack.',
  microk8s: 'Enable it: `microk8s enable metrics-server`, or add the optional metrics-server component to the stack.',
  other:
    'Add the optional metrics-server component (Generate Manifests with metrics-server, or `starter-stack generate --components …,metrics-server`) so the HPAs get CPU figures.',
};

export function metricsServerFix(flavour: ClusterFlavourId): string {
  return pick(METRICS_SERVER, flavour);
}

const STORAGE: PerFlavour = {
  kind: 'kind ships the default StorageClass `standard` (rancher.io/local-path); it is gone: recreate the cluster, or install local-path-provisioner and mark its class default.',
  minikube:
    'Enable the provisioner: `minikube addons enable storage-provisioner` and `minikube addons enable default-storageclass`.',
  k3d: 'k3s ships `local-path` unless it was disabled (`--disable=local-storage`): recreate the cluster without it.',
  k3s: 'k3s ships `local-path` unless it was disabled (`--disable=local-storage`): re-enable it.',
  'docker-desktop':
    'Docker Desktop ships the default StorageClass `hostpath`: reset the Kubernetes cluster (Settings → Kubernetes → Reset).',
  microk8s: 'Enable it: `microk8s enable hostpath-storage`.',
  other:
    'Mark a StorageClass default: `kubectl patch storageclass NAME -p \'{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}\'`, or name one in each PVC.',
};

export function storageClassFix(flavour: ClusterFlavourId): string {
  return pick(STORAGE, flavour);
}

export function apiVersionsFix(flavour: ClusterFlavourId, missing: readonly string[]): string {
  // A group with a dot that is not *.k8s.io comes from a CRD; the others are built in.
  const crd = missing.some(
    (v) => v.includes('/') && v.split('/')[0]!.includes('.') && !v.split('/')[0]!.endsWith('.k8s.io'),
  );
  if (crd) return `Install the CRDs that define ${missing.join(', ')} first.`;
  const upgrade: PerFlavour = {
    kind: 'Recreate the cluster on a current node image: `kind create cluster --image kindest/node:v1.32.0`.',
    minikube: 'Recreate it on a current Kubernetes: `minikube start --kubernetes-version=stable`.',
    k3d: 'Recreate it on a current k3s: `k3d cluster create --image rancher/k3s:v1.31.5-k3s1`.',
    other: `Upgrade the cluster: it does not serve ${missing.join(', ')} (autoscaling/v2 needs Kubernetes 1.23 or later).`,
  };
  return pick(upgrade, flavour);
}

/** Where 127.0.0.1.nip.io cannot reach the ingress controller, and what to use instead. */
export function ingressHostAdvice(
  flavour: ClusterFlavourId,
  nodeIP: string | undefined,
): { status: 'ok' | 'warn'; message: string; fix?: string; host?: string } {
  switch (flavour) {
    case 'docker-desktop':
    case 'rancher-desktop':
    case 'orbstack':
      return {
        status: 'ok',
        message: `${flavour} publishes LoadBalancer services on localhost, so 127.0.0.1.nip.io reaches the controller on port 80.`,
      };
    case 'minikube': {
      const host = nodeIP ? `${nodeIP}.nip.io` : undefined;
      return {
        status: 'warn',
        message:
          "127.0.0.1.nip.io does not reach minikube's ingress with the docker driver unless `minikube tunnel` runs.",
        fix: host
          ? `Run \`minikube tunnel\`, or use the host ${host} (the node's IP).`
          : 'Run `minikube tunnel`, or use `$(minikube ip).nip.io` as the host.',
        ...(host ? { host } : {}),
      };
    }
    case 'kind':
      return {
        status: 'warn',
        message:
          '127.0.0.1.nip.io reaches the controller only if the kind cluster maps host port 80 (extraPortMappings); this cannot be read from the API.',
        fix: "Create the cluster with kind's ingress config (extraPortMappings for 80/443); otherwise Open App falls back to a port-forward.",
      };
    case 'k3d':
      return {
        status: 'warn',
        message:
          '127.0.0.1.nip.io reaches Traefik only if the k3d cluster maps host port 80 to its load balancer; this cannot be read from the API.',
        fix: 'Create the cluster with `k3d cluster create -p "80:80@loadbalancer"`; otherwise Open App falls back to a port-forward.',
      };
    case 'k3s':
    case 'microk8s':
      return {
        status: 'ok',
        message: 'The controller listens on the node; 127.0.0.1.nip.io reaches it when this machine is the node.',
      };
    case 'eks':
    case 'gke':
    case 'aks':
    case 'openshift':
    case 'unknown':
      return {
        status: 'warn',
        message: '127.0.0.1.nip.io points at this machine, not at the cluster.',
        fix: "Set the Ingress host to the controller's external address (for example <load balancer IP>.nip.io, or your DNS name); Open App falls back to a port-forward.",
      };
  }
}
