// The objects a fresh cluster has: system namespaces, Ready nodes `sim-node-1..N`, the `kubernetes`
// Service, and a StorageClass-like notion of "standard" (see controllers/volumes.ts).
import { type SimContext } from './context';
import { SIM_VERSION } from './discovery';
import { applyDefaults } from './defaults';
import { findByKind } from './resources';
import { type KObject } from './store';

function put(ctx: SimContext, apiVersion: string, kind: string, obj: KObject): void {
  const r = findByKind(apiVersion, kind)!;
  const full = { apiVersion, kind, ...obj };
  applyDefaults(r, full);
  ctx.store.create(r, full);
}

export function nodeObject(name: string, index: number): KObject {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'starter-sim/test-double': 'true' } },
    spec: { podCIDR: `10.244.${index}.0/24` },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: now, lastTransitionTime: now, message: 'simulated' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', lastHeartbeatTime: now, lastTransitionTime: now, message: 'simulated' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', lastHeartbeatTime: now, lastTransitionTime: now, message: 'simulated' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now, message: 'kubelet is posting ready status (starter-sim test double)' },
      ],
      addresses: [{ type: 'InternalIP', address: `172.18.0.${index + 2}` }, { type: 'Hostname', address: name }],
      nodeInfo: {
        kubeletVersion: SIM_VERSION, kubeProxyVersion: SIM_VERSION, containerRuntimeVersion: 'starter-sim://1.0', operatingSystem: 'linux',
        architecture: 'amd64', osImage: 'starter-sim test double', kernelVersion: '6.1.0', machineID: name, systemUUID: name, bootID: name,
      },
    },
  };
}

export function bootstrap(ctx: SimContext): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) put(ctx, 'v1', 'Namespace', { metadata: { name: ns } });
  ctx.nodeNames.forEach((name, i) => put(ctx, 'v1', 'Node', nodeObject(name, i + 1)));
  put(ctx, 'v1', 'Service', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
}
