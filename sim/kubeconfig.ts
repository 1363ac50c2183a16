// Writes the simulator's own kubeconfig: cluster and context `starter-sim`, bearer-token user.
// It names the test double plainly so nobody mistakes it for a real cluster.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';

export const CONTEXT_NAME = 'starter-sim';

export function writeKubeconfig(url: string, token: string, caPem: string, path?: string): string {
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'starter-sim-')), 'kubeconfig');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: CONTEXT_NAME, cluster: { server: url, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: 'starter-sim-user', user: { token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: 'starter-sim-user', namespace: 'default' } }],
    'current-context': CONTEXT_NAME,
  };
  writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
  return file;
}
