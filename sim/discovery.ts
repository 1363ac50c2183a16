// Discovery documents: /version, /api, /api/v1, /apis, /apis/<group>/<version>.
// kubectl asks for aggregated discovery (apidiscovery.k8s.io/v2) first and accepts these legacy
// APIVersions / APIGroupList / APIResourceList answers (served as plain application/json).
import { createHash } from 'node:crypto';
import { ALL_VERBS, RESOURCES, type ResourceType, apiGroups, groupVersion } from './resources';

export const SIM_VERSION = 'v1.32.0-starter-sim';

export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '32',
    gitVersion: SIM_VERSION,
    gitCommit: 'starter-sim-test-double',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: apiGroups().map(({ group, version }) => {
      const gv = { groupVersion: `${group}/${version}`, version };
      return { name: group, versions: [gv], preferredVersion: gv };
    }),
  };
}

export function apiGroup(group: string): Record<string, unknown> | undefined {
  const g = apiGroups().find((x) => x.group === group);
  if (!g) return undefined;
  const gv = { groupVersion: `${g.group}/${g.version}`, version: g.version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.group, versions: [gv], preferredVersion: gv };
}

const SUBRESOURCE_INFO: Record<
  string,
  { kind: (r: ResourceType) => string; group?: string; version?: string; verbs: string[] }
> = {
  status: { kind: (r) => r.kind, verbs: ['get', 'patch', 'update'] },
  scale: { kind: () => 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  log: { kind: () => 'Pod', verbs: ['get'] },
  portforward: { kind: () => 'PodPortForwardOptions', verbs: ['create', 'get'] },
  proxy: { kind: () => 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
};

function storageVersionHash(r: ResourceType): string {
  return createHash('sha256')
    .update(`${groupVersion(r)}/${r.kind}`)
    .digest('base64')
    .slice(0, 11);
}

export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const r of rs) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs ?? ALL_VERBS,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      storageVersionHash: storageVersionHash(r),
    });
    for (const sub of r.subresources) {
      const info = SUBRESOURCE_INFO[sub];
      if (!info) continue;
      resources.push({
        name: `${r.plural}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        kind: info.kind(r),
        verbs: info.verbs,
        ...(info.group ? { group: info.group, version: info.version } : {}),
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
