// The objects a fresh cluster has: system namespaces, Ready nodes (`sim-node-1..N` for the demo, the flavour's
// own for a profile) listing the profile's images, the `kubernetes` Service, the profile's default StorageClass
// and IngressClass (if it ships one).
import { type SimContext } from './context';
import { SIM_VERSION } from './discovery';
import { applyDefaults } from './defaults';
import { canonicalImage, type SimNodeShape, type SimProfile } from './profiles';
import { findByKind } from './resources';
import { type KObject } from './store';

function put(ctx: SimContext, apiVersion: string, kind: string, obj: KObject): void {
  const r = findByKind(apiVersion, kind)!;
  const full = { apiVersion, kind, ...obj };
  applyDefaults(r, full);
  ctx.store.create(r, full);
}

/** One `Node.status.images` entry, as the kubelet reports a present image (names: canonical reference). */
export function nodeImage(image: string): { names: string[]; sizeBytes: number } {
  return { names: [canonicalImage(image)], sizeBytes: 50_000_000 };
}

export function nodeObject(name: string, index: number, profile?: SimProfile, shape?: SimNodeShape): KObject {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const labels = shape?.labels ?? {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'starter-sim/test-double': 'true',
  };
  return {
    metadata: { name, labels: { ...labels } },
    spec: { podCIDR: `10.244.${index}.0/24`, ...(shape?.providerID ? { providerID: shape.providerID } : {}) },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          message: 'simulated',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          message: 'simulated',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          message: 'simulated',
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
          message: 'kubelet is posting ready status (starter-sim test double)',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: shape?.internalIP ?? `172.18.0.${index + 2}` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: SIM_VERSION,
        kubeProxyVersion: SIM_VERSION,
        containerRuntimeVersion: profile?.runtime ?? 'starter-sim://1.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
        osImage:
          profile && profile.name !== 'demo'
            ? `starter-sim test double (${profile.name} profile)`
            : 'starter-sim test double',
        kernelVersion: '6.1.0',
        machineID: name,
        systemUUID: name,
        bootID: name,
      },
      images: (profile?.systemImages ?? []).map(nodeImage),
    },
  };
}

export function bootstrap(ctx: SimContext): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    put(ctx, 'v1', 'Namespace', { metadata: { name: ns } });
  const shapes = ctx.profile.nodes;
  ctx.nodeNames.forEach((name, i) => put(ctx, 'v1', 'Node', nodeObject(name, i + 1, ctx.profile, shapes?.[i])));
  const sc = ctx.profile.storageClass;
  put(ctx, 'storage.k8s.io/v1', 'StorageClass', {
    metadata: { name: sc.name, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: sc.provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: sc.bindingMode,
  });
  const ic = ctx.profile.ingressClass;
  if (ic)
    put(ctx, 'networking.k8s.io/v1', 'IngressClass', {
      metadata: { name: ic.name, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: ic.controller },
    });
  put(ctx, 'v1', 'Service', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
}
