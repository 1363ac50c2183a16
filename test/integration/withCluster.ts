// Opens a kubeconfig's cluster the way the extension does (src/kube/session) for one test body, and closes it.
import assert from 'node:assert/strict';
import { openCluster, type ClusterSession } from '../../src/kube/session';

export async function withCluster<T>(
  kubeconfigPath: string,
  body: (session: ClusterSession) => Promise<T>,
): Promise<T> {
  const opened = await openCluster({ file: kubeconfigPath });
  assert.ok(opened.ok, opened.ok ? '' : opened.error);
  try {
    return await body(opened.value);
  } finally {
    opened.value.dispose();
  }
}
