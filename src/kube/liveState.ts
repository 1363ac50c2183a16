import type { ClusterClient } from './client';
import { groupOf, itemsOf, type KubeObject } from './objects';
import { collectionPath, objectPath, type ResourceInfo } from './resources';

/** What the cluster held before we applied: `known: false` when we could not find out (list and get refused). */
export type PriorState = { readonly known: true; readonly live?: KubeObject } | { readonly known: false };

/**
 * The live objects of the kinds being applied, one LIST per kind and namespace instead of one GET per object.
 * Lists start as soon as they are requested and are shared by every object of that kind and namespace.
 */
export class LiveIndex {
  private readonly lists = new Map<string, Promise<Map<string, KubeObject> | undefined>>();

  constructor(
    private readonly client: ClusterClient,
    private readonly signal?: AbortSignal,
  ) {}

  /** Starts listing the collection an object belongs to (idempotent). */
  prefetch(object: KubeObject, resource: ResourceInfo): void {
    void this.listFor(object, resource);
  }

  async prior(object: KubeObject, resource: ResourceInfo): Promise<PriorState> {
    const list = await this.listFor(object, resource);
    if (list) return { known: true, live: list.get(object.metadata.name) };
    return this.getOne(object, resource);
  }

  private listFor(object: KubeObject, resource: ResourceInfo): Promise<Map<string, KubeObject> | undefined> {
    const namespace = resource.namespaced ? object.metadata.namespace : undefined;
    const path = collectionPath(object.apiVersion, resource, namespace);
    let list = this.lists.get(path);
    if (!list) {
      list = this.fetchList(path, object, resource, namespace);
      this.lists.set(path, list);
    }
    return list;
  }

  private async fetchList(
    path: string,
    object: KubeObject,
    resource: ResourceInfo,
    namespace?: string,
  ): Promise<Map<string, KubeObject> | undefined> {
    const description = { verb: 'list', plural: resource.plural, group: groupOf(object.apiVersion), namespace };
    const answer = await this.client.send({ method: 'GET', path, signal: this.signal }, description);
    if (!answer.ok) return answer.error.kind === 'notFound' ? new Map() : undefined;
    const items = itemsOf(answer.value.body);
    // List items carry no apiVersion/kind; put them back so they compare with single objects.
    return new Map(
      items.map((item) => [item.metadata.name, { ...item, apiVersion: object.apiVersion, kind: object.kind }]),
    );
  }

  /** The fallback when listing is not allowed: one GET for this object. */
  private async getOne(object: KubeObject, resource: ResourceInfo): Promise<PriorState> {
    const namespace = resource.namespaced ? object.metadata.namespace : undefined;
    const path = objectPath(object.apiVersion, resource, object.metadata.name, namespace);
    const description = {
      verb: 'get',
      plural: resource.plural,
      group: groupOf(object.apiVersion),
      namespace,
      name: object.metadata.name,
    };
    const answer = await this.client.send({ method: 'GET', path, signal: this.signal }, description);
    if (answer.ok) return { known: true, live: answer.value.body as KubeObject };
    return answer.error.kind === 'notFound' ? { known: true } : { known: false };
  }
}
