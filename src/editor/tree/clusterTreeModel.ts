import { isReferenceKind } from '../../kube/cache/kinds';
import { namespaceRelations, type NamespaceRelations } from '../../kube/cache/appRelations';
import type { ClusterCache, CacheChangeBatch } from '../../kube/cache/clusterCache';
import { Emitter, type Event } from '../../kube/cache/emitter';
import { rec, str } from '../../kube/cache/fields';
import {
  WORKLOAD_KINDS,
  groupPodsByWorkload,
  ownerBySelector,
  ownerFromReferences,
  workloadKey,
} from '../../kube/cache/ownership';
import type { HpaView } from '../../kube/cache/hpaView';
import type { IngressRouteView } from '../../kube/cache/serviceView';
import type { ObjectChange } from '../../kube/cache/store';
import type { KubeObject } from '../../kube/objects';
import { Disposable, type IDisposable } from '../../util/disposable';
import { hpaData, namespaceData, podData, serviceData, workloadData } from './nodeData';
import { ContainerNode } from './nodes/containerNode';
import { profileFromNames } from '../../kube/clusterProfile';
import { ContextNode } from './nodes/contextNode';
import { EventNode } from './nodes/eventNode';
import { EventsNode } from './nodes/eventsNode';
import { FolderNode, type FolderKind } from './nodes/folderNode';
import { HpaNode } from './nodes/hpaNode';
import { IngressRouteNode } from './nodes/ingressRouteNode';
import { MessageNode } from './nodes/messageNode';
import { NamespaceNode } from './nodes/namespaceNode';
import { PodNode } from './nodes/podNode';
import { ServiceNode } from './nodes/serviceNode';
import { WorkloadNode } from './nodes/workloadNode';
import { RevisionsNode } from './nodes/revisionNodes';
import { RevisionTree, type RevisionLoader } from './revisionTree';
import type { RenderContext, TreeItemSpec, TreeNode } from './treeItemSpec';

/** What the tree needs of a connected context. LiveSession satisfies it. */
export interface TreeSession {
  readonly cache: ClusterCache;
  readonly target: { readonly contextName: string; readonly server: string };
}

export type TreeSourceState =
  | { readonly state: 'idle' | 'opening' }
  | { readonly state: 'open'; readonly session: TreeSession }
  | { readonly state: 'error'; readonly message: string };

/** The current context as the tree sees it. LiveCluster satisfies it. */
export interface TreeSource {
  readonly state: TreeSourceState;
  readonly onDidChangeState: Event<TreeSourceState>;
}

/**
 * The cluster tree as nodes: builds children on demand from the cache, keeps one node object per id, and on
 * each cache batch fires only the nodes whose rendered data changed (or whose children did).
 */
export class ClusterTreeModel extends Disposable {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly expanded = new Set<string>();
  private readonly podGroups = new Map<string, Map<string, KubeObject[]>>();
  private readonly relationsCache = new Map<string, NamespaceRelations>();
  /** Warning Events by the pod they name, per namespace: a pod's row reads only its own. */
  private readonly podEventsCache = new Map<string, Map<string, KubeObject[]>>();
  /** The Events nodes by namespace: a batch of Events redraws these, not a walk over every node. */
  private readonly eventsNodeIds = new Map<string, Set<string>>();
  /** `Service/ns/name` → the ids of the nodes showing it (a Service may serve two workloads). */
  private readonly objectNodes = new Map<string, Set<string>>();
  private cacheSubscription: IDisposable | undefined;
  private readonly changed = this._register(new Emitter<TreeNode[] | undefined>());
  /** Nodes to refresh; undefined means the whole tree. */
  readonly onDidChangeNodes = this.changed.event;

  private readonly revisionTree: RevisionTree;

  constructor(
    private readonly source: TreeSource,
    private readonly stackNamespace: () => string,
    loadRevisions?: RevisionLoader,
  ) {
    super();
    this.revisionTree = new RevisionTree(
      loadRevisions,
      (id, create, update) => this.node(id, create, update),
      (nodes) => this.changed.fire(nodes),
    );
    this._register({ dispose: () => this.revisionTree.reset() });
    this._register(source.onDidChangeState((state) => this.onSourceState(state)));
    this._register({ dispose: () => this.cacheSubscription?.dispose() });
    this.onSourceState(source.state);
  }

  private get session(): TreeSession | undefined {
    return this.source.state.state === 'open' ? this.source.state.session : undefined;
  }

  /**
   * The provider's getTreeItem: renders and remembers what was shown, to compare on the next change. Rows whose
   * tooltip is costly come without it: `tooltip` gives it when VS Code asks (on hover).
   */
  render(node: TreeNode, context: RenderContext): TreeItemSpec {
    // What the row shows: its signature, or for pods and containers (most rows) the view object itself, which is
    // never mutated (a change brings a new one): no 50,000 signature strings held, none built per draw.
    node.shownAs = node instanceof PodNode || node instanceof ContainerNode ? node.view : node.signature();
    const spec = node.row ? node.row(context) : node.render(context);
    // HPA rows count a held-back scale-down down.
    if (showsAge(node)) node.shownAge = spec.description ?? '';
    return spec;
  }

  /** The provider's resolveTreeItem: the tooltip `render` left out, from the node's current data. */
  tooltip(node: TreeNode, context: RenderContext): string | undefined {
    return node.tooltip ? node.tooltip(context) : node.render(context).tooltip;
  }

  roots(): TreeNode[] {
    const state = this.source.state;
    if (state.state === 'error') return [this.rootMessage('noCluster', state.message)];
    if (state.state !== 'open') return [this.rootMessage('connecting', '')];
    const { cache, target } = state.session;
    const connection = cache.connection();
    // An unreachable cluster is one node with Retry, not an error under every namespace.
    if (connection.state === 'unreachable' || connection.state === 'unauthorized')
      return [this.rootMessage(connection.state, connection.message)];
    const id = `context:${target.contextName}`;
    const profile = profileFromNames(target);
    const update = (n: ContextNode): void => {
      n.connection = connection;
      n.profile = profile;
    };
    return [this.node(id, () => new ContextNode(id, target.contextName, target.server, connection, profile), update)];
  }

  private rootMessage(kind: MessageNode['kind'], detail: string): MessageNode {
    const update = (n: MessageNode): void => {
      n.kind = kind;
      n.detail = detail;
    };
    return this.node('message:root', () => new MessageNode('message:root', undefined, kind, detail), update);
  }

  children(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    // Rows without children (containers, Events, routes…): VS Code never expands them; nothing to remember.
    if (isLeaf(node)) return [];
    this.expanded.add(node.id);
    if (node instanceof ContextNode) return this.namespaces(node);
    if (node instanceof NamespaceNode) return this.namespaceChildren(node);
    if (node instanceof WorkloadNode) return this.workloadChildren(node);
    if (node instanceof RevisionsNode) return this.revisionTree.children(node);
    if (node instanceof EventsNode)
      return node.events.map((e) =>
        this.node(
          `${node.id}/${e.name}`,
          () => new EventNode(`${node.id}/${e.name}`, node, e),
          (n) => (n.view = e),
        ),
      );
    if (node instanceof FolderNode) return this.folderChildren(node);
    if (node instanceof PodNode)
      return node.view.containers.map((c) =>
        this.node(
          `${node.id}/${c.name}`,
          () => new ContainerNode(`${node.id}/${c.name}`, node, c),
          (n) => (n.view = c),
        ),
      );
    return [];
  }

  findNode(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** Collapsed rows are not visible: their descendants' ages need no refresh. */
  collapsed(node: TreeNode): void {
    this.expanded.delete(node.id);
  }

  /** VS Code may show a row's cached children again without asking for them. */
  expandedAgain(node: TreeNode): void {
    this.expanded.add(node.id);
  }

  /**
   * The visible nodes whose relative time ("5m") reads differently now than when last shown: pods and Events under
   * expanded rows only. The caller refreshes them on a timer.
   */
  staleAges(context: RenderContext): TreeNode[] {
    const stale: TreeNode[] = [];
    for (const node of this.nodes.values()) {
      if (node.shownAge === undefined || !this.visible(node)) continue;
      if ((node.render(context).description ?? '') !== node.shownAge) stale.push(node);
    }
    return stale;
  }

  private visible(node: TreeNode): boolean {
    for (let p = node.parent; p; p = p.parent) if (!this.expanded.has(p.id)) return false;
    return true;
  }

  /** Whether the row would read differently from when it was last drawn (never drawn: it would). */
  private changedSinceShown(node: TreeNode): boolean {
    const shown = node.shownAs;
    if (typeof shown === 'string' || shown === undefined) return shown !== node.signature();
    const view = node instanceof PodNode || node instanceof ContainerNode ? node.view : undefined;
    return shown !== view && JSON.stringify(shown) !== node.signature();
  }

  /** Reuses the node with this id (updating its data) or creates it: the tree keeps object identity across refreshes. */
  private node<T extends TreeNode>(id: string, create: () => T, update: (node: T) => void): T {
    const existing = this.nodes.get(id) as T | undefined;
    if (existing) {
      update(existing);
      return existing;
    }
    const created = create();
    this.nodes.set(id, created);
    const parent = created.parent;
    if (parent) {
      if (parent.childIds) parent.childIds.push(id);
      else parent.childIds = [id];
    }
    return created;
  }

  private namespaces(context: ContextNode): TreeNode[] {
    const cache = this.session?.cache;
    if (!cache) return [];
    const stack = this.stackNamespace();
    const names = new Set(cache.list('Namespace').map((n) => n.metadata.name));
    const listFailed = cache.status('Namespace')?.state === 'failed';
    // The stack's namespace is shown even when listing namespaces is not allowed.
    if (listFailed || names.has(stack)) names.add(stack);
    if (names.size === 0) return [this.message(context, 'loading', '')];
    cache.openNamespace(stack);
    const sorted = [...names].sort((a, b) => (a === stack ? -1 : b === stack ? 1 : collator.compare(a, b)));
    return sorted.map((name) => this.namespaceNode(context, name));
  }

  private namespaceNode(parent: TreeNode, name: string): NamespaceNode {
    const id = `Namespace/${name}`;
    const data = namespaceData(this.session!.cache, name, this.stackNamespace());
    return this.node(
      id,
      () => new NamespaceNode(id, parent, data),
      (n) => (n.data = data),
    );
  }

  private message(parent: TreeNode, kind: MessageNode['kind'], detail: string): MessageNode {
    const id = `${parent.id}/message`;
    const update = (n: MessageNode): void => {
      n.kind = kind;
      n.detail = detail;
    };
    return this.node(id, () => new MessageNode(id, parent, kind, detail), update);
  }

  private namespaceChildren(ns: NamespaceNode): TreeNode[] {
    const cache = this.session?.cache;
    if (!cache) return [];
    const name = ns.data.name;
    cache.openNamespace(name);
    const data = namespaceData(cache, name, this.stackNamespace());
    ns.data = data;
    if (data.watch === 'forbidden') return [this.message(ns, 'forbidden', data.forbiddenKinds.join(', '))];
    if (data.watch === 'syncing') return [this.message(ns, 'loading', '')];
    const out: TreeNode[] = [];
    if (data.forbiddenKinds.length > 0) out.push(this.message(ns, 'forbidden', data.forbiddenKinds.join(', ')));
    out.push(...this.workloads(ns), ...this.folders(ns));
    return out.length > 0 ? out : [this.message(ns, 'empty', '(empty)')];
  }

  /** Small folders for what belongs to no workload, each only when it holds something. */
  private folders(ns: NamespaceNode): FolderNode[] {
    const name = ns.data.name;
    const relations = this.relations(name);
    const counts: Record<FolderKind, number> = {
      pods: this.groups(name).get('')?.length ?? 0,
      services: relations.unmatchedServices.length,
      hpas: relations.unmatchedHpas.length,
      routes: relations.unmatchedRoutes.length,
    };
    return (Object.keys(counts) as FolderKind[])
      .filter((kind) => counts[kind] > 0)
      .map((kind) => {
        const id = `${ns.id}/folder/${kind}`;
        return this.node(
          id,
          () => new FolderNode(id, ns, kind, counts[kind]),
          (n) => (n.count = counts[kind]),
        );
      });
  }

  private folderChildren(folder: FolderNode): TreeNode[] {
    const namespace = (folder.parent as NamespaceNode).data.name;
    const relations = this.relations(namespace);
    switch (folder.kind) {
      case 'pods':
        return this.podNodes(folder, this.groups(namespace).get('') ?? []);
      case 'services':
        return this.serviceNodes(folder, relations.unmatchedServices);
      case 'hpas':
        return this.hpaNodes(folder, relations.unmatchedHpas);
      case 'routes':
        return this.routeNodes(folder, relations.unmatchedRoutes);
    }
  }

  /** The workload as an application: what scales it, what serves it and where it is reached, what happened, its pods. */
  private workloadChildren(workload: WorkloadNode): TreeNode[] {
    const key = workloadKey(workload.ref);
    const relations = this.relations(workload.data.namespace);
    const hpa = relations.hpaOf.get(key);
    return [
      ...this.hpaNodes(workload, hpa ? [hpa] : []),
      ...this.serviceNodes(workload, relations.servicesOf.get(key) ?? []),
      ...this.routeNodes(workload, relations.routesOf.get(key) ?? []),
      this.eventsNode(workload, relations),
      ...this.revisionTree.nodesFor(workload),
      ...this.workloadPods(workload),
    ];
  }

  private eventsNode(workload: WorkloadNode, relations: NamespaceRelations): EventsNode {
    const id = `${workload.id}/events`;
    const events = relations.eventsOf.get(workloadKey(workload.ref)) ?? [];
    let ids = this.eventsNodeIds.get(workload.data.namespace);
    if (!ids) this.eventsNodeIds.set(workload.data.namespace, (ids = new Set()));
    ids.add(id);
    return this.node(
      id,
      () => new EventsNode(id, workload, events),
      (n) => (n.events = events),
    );
  }

  private relations(namespace: string): NamespaceRelations {
    let relations = this.relationsCache.get(namespace);
    if (!relations) {
      const cache = this.session!.cache;
      relations = namespaceRelations({
        workloads: WORKLOAD_KINDS.flatMap((k) => cache.list(k, namespace)),
        podGroups: this.groups(namespace),
        services: cache.list('Service', namespace),
        hpas: cache.list('HorizontalPodAutoscaler', namespace),
        ingresses: cache.list('Ingress', namespace),
        events: cache.list('Event', namespace),
      });
      this.relationsCache.set(namespace, relations);
    }
    return relations;
  }

  /** A node showing a cluster object under some parent: remembered by object, so a change to the object finds it. */
  private objectNode<T extends TreeNode>(objectKey: string, id: string, create: () => T, update: (node: T) => void): T {
    let ids = this.objectNodes.get(objectKey);
    if (!ids) this.objectNodes.set(objectKey, (ids = new Set()));
    ids.add(id);
    return this.node(id, create, update);
  }

  private workloads(ns: NamespaceNode): TreeNode[] {
    const cache = this.session!.cache;
    return WORKLOAD_KINDS.flatMap((kind) => byName(cache.list(kind, ns.data.name))).map((w) => {
      const id = `${w.kind}/${ns.data.name}/${w.metadata.name}`;
      const data = workloadData(w);
      return this.node(
        id,
        () => new WorkloadNode(id, ns, data),
        (n) => (n.data = data),
      );
    });
  }

  private podNodes(parent: TreeNode, pods: readonly KubeObject[]): PodNode[] {
    return byName(pods).map((pod) => {
      const id = `Pod/${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
      const existing = this.nodes.get(id);
      if (existing instanceof PodNode) {
        this.updatePodView(existing, pod);
        return existing;
      }
      return this.node(
        id,
        () => this.updatePodView(new PodNode(id, parent, EMPTY_VIEW), pod),
        () => undefined,
      );
    });
  }

  /**
   * Builds the pod's view, unless the node already shows this very object with the same Events (a namespace's
   * children asked again: its 5,000 unchanged pods keep their views, and the model sees them unchanged).
   */
  private updatePodView(node: PodNode, pod: KubeObject): PodNode {
    const events = this.podEvents(pod);
    if (node.sourceObject === pod && node.sourceEvents === events) return node;
    node.view = podData(pod, events);
    node.sourceObject = pod;
    node.sourceEvents = events;
    return node;
  }

  private podEvents(pod: KubeObject): readonly KubeObject[] {
    const namespace = pod.metadata.namespace ?? '';
    let byPod = this.podEventsCache.get(namespace);
    if (!byPod) {
      byPod = new Map();
      for (const event of this.session!.cache.list('Event', namespace)) {
        const name = str(rec(event.involvedObject).name);
        const list = byPod.get(name);
        if (list) list.push(event);
        else byPod.set(name, [event]);
      }
      this.podEventsCache.set(namespace, byPod);
    }
    return byPod.get(pod.metadata.name) ?? NO_EVENTS;
  }

  private groups(namespace: string): Map<string, KubeObject[]> {
    let groups = this.podGroups.get(namespace);
    if (!groups) {
      const cache = this.session!.cache;
      groups = groupPodsByWorkload(
        cache.list('Pod', namespace),
        WORKLOAD_KINDS.flatMap((k) => cache.list(k, namespace)),
      );
      this.podGroups.set(namespace, groups);
    }
    return groups;
  }

  private workloadPods(workload: WorkloadNode): TreeNode[] {
    return this.podNodes(workload, this.groups(workload.data.namespace).get(workloadKey(workload.ref)) ?? []);
  }

  private hpaNodes(parent: TreeNode, hpas: readonly KubeObject[]): TreeNode[] {
    const cache = this.session!.cache;
    return byName(hpas).map((h) => {
      const key = `HorizontalPodAutoscaler/${h.metadata.namespace ?? ''}/${h.metadata.name}`;
      const id = `${parent.id}/${key}`;
      const view = this.hpaViewOf(cache, h);
      return this.objectNode(
        key,
        id,
        () => new HpaNode(id, parent, view),
        (n) => (n.view = view),
      );
    });
  }

  /** `HorizontalPodAutoscaler/ns/name` → when a held-back scale-down was first seen (the countdown's start). */
  private readonly scaleDownSince = new Map<string, number>();

  private hpaViewOf(cache: TreeSession['cache'], hpa: KubeObject): HpaView {
    const view = hpaData(cache, hpa);
    const key = `${hpa.metadata.namespace ?? ''}/${hpa.metadata.name}`;
    if (view.scaleDownWindowSeconds === undefined) {
      this.scaleDownSince.delete(key);
      return view;
    }
    const since = this.scaleDownSince.get(key) ?? Date.now();
    this.scaleDownSince.set(key, since);
    return { ...view, scaleDownSince: since };
  }

  private serviceNodes(parent: TreeNode, services: readonly KubeObject[]): TreeNode[] {
    const cache = this.session!.cache;
    return byName(services).map((s) => {
      const key = `Service/${s.metadata.namespace ?? ''}/${s.metadata.name}`;
      const id = `${parent.id}/${key}`;
      const view = serviceData(cache, s);
      return this.objectNode(
        key,
        id,
        () => new ServiceNode(id, parent, view),
        (n) => (n.view = view),
      );
    });
  }

  private routeNodes(parent: TreeNode, routes: readonly IngressRouteView[]): TreeNode[] {
    return [...routes]
      .sort((a, b) => collator.compare(a.url, b.url))
      .map((route) => {
        const id = `${parent.id}/Ingress/${route.ingress}/${route.host}${route.path}`;
        return this.node(
          id,
          () => new IngressRouteNode(id, parent, route),
          (n) => (n.view = route),
        );
      });
  }

  private onSourceState(state: TreeSourceState): void {
    this.cacheSubscription?.dispose();
    this.cacheSubscription = undefined;
    this.reset();
    if (state.state === 'open')
      this.cacheSubscription = state.session.cache.onDidChange((batch) => this.onCacheChange(batch));
    this.lastRootSignature = this.rootSignature();
    this.changed.fire(undefined);
  }

  private reset(): void {
    this.nodes.clear();
    this.expanded.clear();
    this.podGroups.clear();
    this.revisionTree.reset();
    this.relationsCache.clear();
    this.podEventsCache.clear();
    this.eventsNodeIds.clear();
    this.objectNodes.clear();
  }

  private lastRootSignature = '';

  private rootSignature(): string {
    return this.roots()
      .map((r) => r.signature())
      .join();
  }

  private onCacheChange(batch: CacheChangeBatch): void {
    // The root changes shape (context ⇄ unreachable node): refresh everything, once.
    const rootSignature = this.rootSignature();
    if (rootSignature !== this.lastRootSignature) {
      this.lastRootSignature = rootSignature;
      return this.changed.fire(undefined);
    }
    const dirty = new Set<TreeNode>();
    for (const change of batch.objects) this.collect(change, dirty);
    this.touchEvents(new Set(batch.objects.filter((c) => c.kind === 'Event').map((c) => c.namespace)), dirty);
    this.forgetDeleted(batch.objects);
    for (const scope of batch.statuses) this.touchNamespace(scope.namespace, dirty, true);
    if (batch.statuses.some((s) => s.kind === 'Namespace')) this.touchContext(dirty);
    const nodes = pruneDescendants(dirty);
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  private collect(change: ObjectChange, dirty: Set<TreeNode>): void {
    const structural = change.type !== 'modified';
    if (change.kind !== 'Namespace' && change.kind !== 'Endpoints' && !isReferenceKind(change.kind))
      this.relationsCache.delete(change.namespace);
    switch (change.kind) {
      case 'Namespace':
        return structural ? this.touchContext(dirty) : this.touchNamespace(change.name, dirty, false);
      case 'Pod':
        this.podGroups.delete(change.namespace);
        return this.touchPod(change, dirty, structural);
      case 'Event':
        this.podEventsCache.delete(change.namespace);
        this.touchNamespace(change.namespace, dirty, false);
        return this.touchPodByName(change.namespace, str(rec(change.object.involvedObject).name), dirty);
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
        this.podGroups.delete(change.namespace);
        this.touchNamespace(change.namespace, dirty, structural);
        if (change.kind === 'Deployment')
          this.revisionTree.deploymentChanged(
            change.type === 'deleted' ? undefined : change.object,
            change.namespace,
            change.name,
          );
        return this.touchObject(`${change.kind}/${change.namespace}/${change.name}`, dirty);
      case 'Service':
      case 'Endpoints':
      case 'HorizontalPodAutoscaler':
        if (structural && change.kind !== 'Endpoints') this.touchNamespace(change.namespace, dirty, true);
        return this.touchRelated(
          `${change.kind === 'Endpoints' ? 'Service' : change.kind}/${change.namespace}/${change.name}`,
          dirty,
        );
      case 'Ingress':
        return this.touchNamespace(change.namespace, dirty, true);
      // Watched for the linter's cluster lookups (kube/cache/references.ts); the tree draws none of them.
      case 'ConfigMap':
      case 'Secret':
      case 'PersistentVolumeClaim':
      case 'ServiceAccount':
      case 'StorageClass':
        return;
    }
  }

  /** After Events changed in these namespaces: the Events nodes shown there whose list changed. */
  private touchEvents(namespaces: ReadonlySet<string>, dirty: Set<TreeNode>): void {
    const ids = [...namespaces].flatMap((namespace) => [...(this.eventsNodeIds.get(namespace) ?? [])]);
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node?.shownAs === undefined || !(node instanceof EventsNode) || !(node.parent instanceof WorkloadNode))
        continue;
      node.events = this.relations(node.parent.data.namespace).eventsOf.get(workloadKey(node.parent.ref)) ?? [];
      if (this.changedSinceShown(node)) dirty.add(node);
    }
  }

  /** The nodes showing a Service or HPA (under workloads or in a folder): new data, and marked when what they show changed. */
  private touchRelated(objectKey: string, dirty: Set<TreeNode>): void {
    const cache = this.session?.cache;
    const [kind = '', namespace = '', name = ''] = objectKey.split('/');
    const object = cache?.get(kind as 'Service', namespace, name);
    if (!cache || !object) return;
    for (const id of this.objectNodes.get(objectKey) ?? []) {
      const node = this.nodes.get(id);
      if (node?.shownAs === undefined) continue;
      if (node instanceof ServiceNode) node.view = serviceData(cache, object);
      else if (node instanceof HpaNode) node.view = this.hpaViewOf(cache, object);
      if (this.changedSinceShown(node)) dirty.add(node);
    }
  }

  /**
   * Drops the nodes of deleted objects and everything under them (a pod's containers, a namespace's subtree), so
   * the model does not grow with pod churn. Their parents were marked dirty above: VS Code asks for children again.
   */
  private forgetDeleted(changes: readonly ObjectChange[]): void {
    const gone = new Set<TreeNode>();
    for (const change of changes) {
      if (change.type !== 'deleted') continue;
      const key =
        change.kind === 'Namespace' ? `Namespace/${change.name}` : `${change.kind}/${change.namespace}/${change.name}`;
      const node = this.nodes.get(key);
      if (node) gone.add(node);
      for (const id of this.objectNodes.get(key) ?? []) {
        const related = this.nodes.get(id);
        if (related) gone.add(related);
      }
      this.objectNodes.delete(key);
    }
    for (const node of gone) {
      if (this.nodes.get(node.id) !== node) continue;
      const siblings = node.parent?.childIds;
      const at = siblings ? siblings.indexOf(node.id) : -1;
      if (at >= 0) siblings?.splice(at, 1);
      this.forgetSubtree(node.id);
    }
  }

  private forgetSubtree(id: string): void {
    const node = this.nodes.get(id);
    for (const child of node?.childIds ?? []) this.forgetSubtree(child);
    if (node) node.childIds = undefined;
    this.nodes.delete(id);
    this.expanded.delete(id);
  }

  /** Recomputes an object node's data from the cache and marks it when what it shows changed. */
  private touchObject(id: string, dirty: Set<TreeNode>): void {
    const node = this.nodes.get(id);
    const cache = this.session?.cache;
    if (node?.shownAs === undefined || !cache) return;
    const [kind = '', namespace = '', name = ''] = id.split('/');
    const object = cache.get(kind as 'Pod', namespace, name);
    if (!object) return;
    if (node instanceof PodNode) this.updatePodView(node, object);
    else if (node instanceof WorkloadNode) node.data = workloadData(object);
    if (this.changedSinceShown(node)) dirty.add(node);
  }

  private touchPod(change: ObjectChange, dirty: Set<TreeNode>, structural: boolean): void {
    if (!structural) return this.touchPodByName(change.namespace, change.name, dirty);
    // A namespace never expanded has no rows under it to redraw (its own row counts no pods): a 50,000-pod list
    // coming in does not look for 50,000 parents that were never drawn.
    if (!this.nodes.get(`Namespace/${change.namespace}`)?.childIds) return;
    const parent = this.podParent(change.object);
    // A folder's row counts its pods: the namespace redraws it.
    if (parent instanceof FolderNode && parent.parent) dirty.add(parent.parent);
    else if (parent && this.expanded.has(parent.id)) dirty.add(parent);
  }

  private touchPodByName(namespace: string, name: string, dirty: Set<TreeNode>): void {
    this.touchObject(`Pod/${namespace}/${name}`, dirty);
  }

  private podParent(pod: KubeObject): TreeNode | undefined {
    const namespace = pod.metadata.namespace ?? '';
    const known = this.nodes.get(`Pod/${namespace}/${pod.metadata.name}`);
    if (known?.parent) return known.parent;
    const cache = this.session?.cache;
    const ref =
      ownerFromReferences(pod) ??
      (cache
        ? ownerBySelector(
            pod,
            WORKLOAD_KINDS.flatMap((k) => cache.list(k, namespace)),
          )
        : undefined);
    return (
      (ref && this.nodes.get(workloadKey(ref))) ??
      this.nodes.get(`Namespace/${namespace}/folder/pods`) ??
      this.nodes.get(`Namespace/${namespace}`)
    );
  }

  /** A namespace's description (health, access) may change; its children list changes when `structural`. */
  private touchNamespace(namespace: string | undefined, dirty: Set<TreeNode>, structural: boolean): void {
    if (namespace === undefined) return;
    const node = this.nodes.get(`Namespace/${namespace}`);
    const cache = this.session?.cache;
    if (!(node instanceof NamespaceNode) || !cache) return;
    node.data = namespaceData(cache, namespace, this.stackNamespace());
    if (this.changedSinceShown(node) || (structural && this.expanded.has(node.id))) dirty.add(node);
  }

  private touchContext(dirty: Set<TreeNode>): void {
    for (const node of this.nodes.values()) if (node instanceof ContextNode) dirty.add(node);
  }
}

/** One shared empty list: a pod without Events keeps its view across unrelated Event changes (same inputs). */
const NO_EVENTS: readonly KubeObject[] = Object.freeze([]);
/** A pod node's view until its first build (never shown: the node is built with its view). */
const EMPTY_VIEW = podData({ apiVersion: 'v1', kind: 'Pod', metadata: { name: '' } }, NO_EVENTS);

/** Rows whose description counts time: pods and Events by age, HPAs a held-back scale-down. */
function showsAge(node: TreeNode): boolean {
  return node instanceof PodNode || node instanceof EventsNode || node instanceof EventNode || node instanceof HpaNode;
}

function isLeaf(node: TreeNode): boolean {
  return node instanceof ContainerNode || node instanceof EventNode || node instanceof IngressRouteNode;
}

/** The order of String.prototype.localeCompare, without building a collator on every comparison. */
const collator = new Intl.Collator();

function byName(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => collator.compare(a.metadata.name, b.metadata.name));
}

/** Refreshing a node refreshes its subtree: drop nodes whose ancestor is already in the set. */
function pruneDescendants(dirty: Set<TreeNode>): TreeNode[] {
  const hasDirtyAncestor = (node: TreeNode): boolean => {
    for (let p = node.parent; p; p = p.parent) if (dirty.has(p)) return true;
    return false;
  };
  return [...dirty].filter((n) => !hasDirtyAncestor(n));
}
