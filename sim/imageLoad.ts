// Images on the simulated nodes: what `kind load docker-image`, `minikube image load` and `k3d image import`
// do to a real node (the image lands in its runtime's store and the kubelet lists it in Node.status.images),
// and the kubelet's question "is this image already on the node?".
import { nodeImage } from './bootstrap';
import { type SimContext } from './context';
import { canonicalImage } from './profiles';
import { R, arr, modify, o } from './controllers/util';

/** Adds the images to each named node (all nodes when none are named); returns the nodes changed. */
export function loadImagesOntoNodes(ctx: SimContext, images: readonly string[], nodes?: readonly string[]): string[] {
  const targets = nodes && nodes.length > 0 ? ctx.nodeNames.filter((n) => nodes.includes(n)) : ctx.nodeNames;
  for (const node of targets) {
    modify(ctx, R.node, undefined, node, (n) => {
      const st = o(n.status);
      const list = arr(st.images);
      for (const image of images) {
        if (!onNode(list, image)) list.push(nodeImage(image));
      }
      st.images = list;
      n.status = st;
    });
  }
  return targets;
}

function onNode(list: Array<Record<string, unknown>>, image: string): boolean {
  const wanted = canonicalImage(image);
  return list.some((entry) => Array.isArray(entry.names) && (entry.names as unknown[]).includes(wanted));
}

/** Whether the node lists the image (any of its names, compared in canonical form). */
export function imagePresent(ctx: SimContext, node: string, image: string): boolean {
  const n = ctx.store.peek(R.node, undefined, node);
  return onNode(arr(o(n?.status).images), image);
}
