// Writes the simulator's own kubeconfig: cluster and context `starter-sim`, bearer-token user.
// It names the test double plainly so nobody mistakes it for a real cluster.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';

export const CONTEXT_NAME = 'starter-sim';

/** Kubeconfig names: `starter-sim` for the demo; a flavour profile uses its tool's context and cluster names. */
export interface KubeconfigNames {
  context: string;
  cluster: string;
  user: string;
}

export function writeKubeconfig(
  url: string,
  token: string,
  caPem: string,
  path?: string,
  names: KubeconfigNames = { context: CONTEXT_NAME, cluster: CONTEXT_NAME, user: 'starter-sim-user' },
): string {
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'starter-sim-')), 'kubeconfig');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: names.cluster,
        cluster: { server: url, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: [{ name: names.user, user: { token } }],
    contexts: [{ name: names.context, context: { cluster: names.cluster, user: names.user, namespace: 'default' } }],
    'current-context': names.context,
  };
  writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
  return file;
}
