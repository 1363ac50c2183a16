import type { Document, YAMLMap } from 'yaml';
import { yamlLib } from '../util/yamlLib';
import { APP_COMPONENTS, type ComponentId } from './components';
import { OWNER_NAMESPACE_LABEL } from '../kube/objects';
import type { StackOptions } from './options';

/** The namespace the templates are written for; the transformations move objects out of it. */
export const TEMPLATE_NAMESPACE = 'starter';

// Parsed documents (generation) and documents made from objects (apply --namespace) alike.
type Doc = Document;

const kindOf = (doc: Doc): unknown => doc.get('kind');
const nameOf = (doc: Doc): unknown => doc.getIn(['metadata', 'name']);

function mapsIn(doc: Doc, path: readonly (string | number)[]): YAMLMap[] {
  const { isMap, isSeq } = yamlLib();
  const node = doc.getIn(path, true);
  return isSeq(node) ? node.items.filter(isMap) : [];
}

/** The pod spec of a workload (or of a bare Pod), where containers live. */
function podSpecPath(doc: Doc): string[] | undefined {
  switch (kindOf(doc)) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return ['spec', 'template', 'spec'];
    case 'Pod':
      return ['spec'];
    default:
      return undefined;
  }
}

/**
 * Moves the stack's objects from namespace `from` into `namespace`: the Namespace itself, the binding subjects
 * (ServiceAccounts) in it, and the cluster-scoped RBAC named after it (`<from>-…`, and the roleRefs to it) and
 * labelled as its own (OWNER_NAMESPACE_LABEL).
 */
export function setNamespace(doc: Doc, namespace: string, from = TEMPLATE_NAMESPACE): void {
  if (namespace === from) return;
  if (doc.getIn(['metadata', 'namespace']) === from) doc.setIn(['metadata', 'namespace'], namespace);
  const kind = kindOf(doc);
  const name = nameOf(doc);
  if (kind === 'Namespace' && name === from) doc.setIn(['metadata', 'name'], namespace);
  const clusterScopedPrefix = `${from}-`;
  if (
    (kind === 'ClusterRole' || kind === 'ClusterRoleBinding') &&
    typeof name === 'string' &&
    name.startsWith(clusterScopedPrefix)
  ) {
    doc.setIn(['metadata', 'name'], namespace + name.slice(from.length));
  }
  if (doc.getIn(['metadata', 'labels', OWNER_NAMESPACE_LABEL]) === from)
    doc.setIn(['metadata', 'labels', OWNER_NAMESPACE_LABEL], namespace);
  if (kind === 'ClusterRoleBinding' || kind === 'RoleBinding') {
    const roleName = doc.getIn(['roleRef', 'name']);
    if (
      doc.getIn(['roleRef', 'kind']) === 'ClusterRole' &&
      typeof roleName === 'string' &&
      roleName.startsWith(clusterScopedPrefix)
    ) {
      doc.setIn(['roleRef', 'name'], namespace + roleName.slice(from.length));
    }
    for (const subject of mapsIn(doc, ['subjects'])) {
      if (subject.get('namespace') === from) subject.set('namespace', namespace);
    }
  }
}

/** Points the four app containers at `<prefix>/<app>:<tag>`. */
export function setAppImages(doc: Doc, imagePrefix: string, tag: string): void {
  const podSpec = podSpecPath(doc);
  if (!podSpec) return;
  for (const container of mapsIn(doc, [...podSpec, 'containers'])) {
    const name = container.get('name');
    if ((APP_COMPONENTS as readonly unknown[]).includes(name))
      container.set('image', `${imagePrefix}/${String(name)}:${tag}`);
  }
}

export function setIngressHost(doc: Doc, host: string): void {
  if (kindOf(doc) !== 'Ingress') return;
  for (const rule of mapsIn(doc, ['spec', 'rules'])) rule.set('host', host);
}

/** Drops Ingress paths whose backend Service belongs to a component that is not generated. */
export function keepIngressPathsFor(doc: Doc, components: readonly ComponentId[]): void {
  if (kindOf(doc) !== 'Ingress') return;
  const { isMap, isSeq } = yamlLib();
  for (const rule of mapsIn(doc, ['spec', 'rules'])) {
    const paths = rule.getIn(['http', 'paths'], true);
    if (!isSeq(paths)) continue;
    paths.items = paths.items.filter((path) => {
      const service = isMap(path) ? path.getIn(['backend', 'service', 'name']) : undefined;
      return typeof service !== 'string' || (components as readonly string[]).includes(service);
    });
  }
}

/** True when an Ingress has no path left (nothing it could route to). */
export function isEmptyIngress(doc: Doc): boolean {
  return (
    kindOf(doc) === 'Ingress' &&
    mapsIn(doc, ['spec', 'rules']).every((rule) => {
      const paths = rule.getIn(['http', 'paths'], true);
      return !yamlLib().isSeq(paths) || paths.items.length === 0;
    })
  );
}

export function setHpaBounds(doc: Doc, min: number, max: number): void {
  if (kindOf(doc) !== 'HorizontalPodAutoscaler') return;
  doc.setIn(['spec', 'minReplicas'], min);
  doc.setIn(['spec', 'maxReplicas'], max);
}

export function setStorageClass(doc: Doc, storageClass: string | undefined): void {
  if (kindOf(doc) !== 'PersistentVolumeClaim' || storageClass === undefined) return;
  doc.setIn(['spec', 'storageClassName'], storageClass);
}

/** Every option-driven transformation, in one place, for one document. */
export function applyOptions(doc: Doc, options: StackOptions): void {
  setNamespace(doc, options.namespace);
  setAppImages(doc, options.imagePrefix, options.tag);
  setIngressHost(doc, options.host);
  keepIngressPathsFor(doc, options.components);
  setHpaBounds(doc, options.hpaMin, options.hpaMax);
  setStorageClass(doc, options.storageClass);
}
