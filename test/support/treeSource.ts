import type { TreeSource, TreeSourceState } from '../../src/editor/tree/clusterTreeModel';
import type { ClusterCache } from '../../src/kube/cache/clusterCache';
import { Emitter } from '../../src/kube/cache/emitter';
import type { FakeTransport } from './fakeTransport';

/**
 * What the Cluster view's model reads while a cluster is connected: an open session on `cache`, served by the fake
 * transport. A test that switches the state itself passes its own emitter and fires it.
 */
export function openTreeSource(
  cache: ClusterCache,
  transport: FakeTransport,
  changed = new Emitter<TreeSourceState>(),
): TreeSource {
  return {
    state: { state: 'open', session: { cache, target: { contextName: 'fake', server: transport.server } } },
    onDidChangeState: changed.event,
  };
}
