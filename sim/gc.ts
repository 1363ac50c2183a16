// Deletion with propagation, standing in for the garbage collector and the namespace controller.
// Simplified: objects have no finalizers or graceful termination, so they vanish at once.
// Foreground deletes dependents first, Background deletes the owner then its dependents right after
// (asynchronously, as the real garbage collector does), Orphan strips the ownerReferences.
import { type SimContext, later } from './context';
import { RESOURCES, type ResourceType } from './resources';
import { type KObject, meta } from './store';

export type Propagation = 'Foreground' | 'Background' | 'Orphan';

function removeDependents(ctx: SimContext, uid: string, policy: Propagation): void {
  for (const { resource, object } of ctx.store.dependentsOf(uid)) {
    const m = meta(object);
    const remaining = (m.ownerReferences ?? []).filter((o) => o.uid !== uid);
    if (policy === 'Orphan' || remaining.some((o) => ctx.store.hasUid(o.uid))) {
      // Orphaned, or still owned by another live object: only drop the reference.
      const live = ctx.store.peek(resource, m.namespace, m.name ?? '');
      if (!live) continue;
      const next = structuredClone(live);
      meta(next).ownerReferences = remaining.length ? remaining : undefined;
      if (!remaining.length) delete meta(next).ownerReferences;
      ctx.store.update(resource, next, live);
    } else
      deleteObject(ctx, resource, m.namespace, m.name ?? '', policy === 'Foreground' ? 'Foreground' : 'Background');
  }
}

/** Deletes one object and handles its dependents per policy; returns the deleted object. */
export function deleteObject(
  ctx: SimContext,
  r: ResourceType,
  namespace: string | undefined,
  name: string,
  policy: Propagation,
): KObject | undefined {
  const live = ctx.store.peek(r, namespace, name);
  if (!live) return undefined;
  const uid = meta(live).uid ?? '';
  if (policy === 'Foreground') removeDependents(ctx, uid, 'Foreground');
  if (r.kind === 'Namespace') deleteNamespaceContents(ctx, name);
  const deleted = ctx.store.delete(r, namespace, name);
  if (policy === 'Background') later(ctx, 0, () => removeDependents(ctx, uid, 'Background'));
  if (policy === 'Orphan') removeDependents(ctx, uid, 'Orphan');
  return deleted;
}

function deleteNamespaceContents(ctx: SimContext, namespace: string): void {
  for (const r of RESOURCES.filter((x) => x.namespaced)) {
    for (const o of ctx.store.view(r, namespace)) ctx.store.delete(r, namespace, meta(o).name ?? '');
  }
}

/** The default policy: the real server orphans nothing for apps/v1 and core kinds; Background it is. */
export function propagationFrom(value: unknown, orphanDependents?: unknown): Propagation {
  if (value === 'Foreground' || value === 'Background' || value === 'Orphan') return value;
  if (orphanDependents === true) return 'Orphan';
  return 'Background';
}
