import { str } from './access';
import { portsOf, type PodTemplate } from './pods';
import type { DocEntry } from './workspace';

/**
 * Dependency keys: `Kind/name` (a lookup by name), `Kind/*` (a scan of a kind) and `pods:<namespace>`
 * (pod templates that may run there; `pods:*` for a template or a lookup without a namespace).
 */
const PODS = 'pods:';

/**
 * What other objects see of a pod template: its labels, ports, images, where it is (related info points there)
 * and whose it is (their messages name the workload).
 */
export function templateSignature(template: PodTemplate, startLine: number): string {
  const containers = template.containers.map((c) => [
    c.name,
    c.init,
    str(c.value.image),
    portsOf(c).map((p) => [p.name, p.number, p.protocol]),
  ]);
  const { uri, kind, namespace, name } = template.object;
  return JSON.stringify([uri, startLine, kind, namespace, name, template.labels, containers]);
}

/** The keys a change touches; pod keys only when what other objects see of a template changed. */
export function changedKeys(removed: readonly DocEntry[], added: readonly DocEntry[]): Set<string> {
  const keys = new Set<string>();
  const signatures = new Map<string, number>();
  for (const [entries, sign] of [
    [removed, -1],
    [added, 1],
  ] as const) {
    // Generated objects (a kustomization's Secrets) are looked up like written ones: their dependents re-check too.
    for (const { object, template } of entries.flatMap((d) => [...d.objects, ...d.generated])) {
      keys.add(`${object.kind}/${object.name}`).add(`${object.kind}/*`);
      if (!template) continue;
      const key = `${PODS}${object.namespace ?? '*'}\u0000${templateSignature(template, object.chunk.startLine)}`;
      signatures.set(key, (signatures.get(key) ?? 0) + sign);
    }
  }
  for (const [key, count] of signatures) if (count !== 0) keys.add(key.slice(0, key.indexOf('\u0000')));
  return keys;
}

function podsHit(dependency: string, key: string): boolean {
  return (
    dependency.startsWith(PODS) &&
    key.startsWith(PODS) &&
    (dependency === key || dependency === `${PODS}*` || key === `${PODS}*`)
  );
}

/** True when a set of dependencies reads any of the changed keys. */
export function dependsOn(dependencies: ReadonlySet<string>, keys: ReadonlySet<string>): boolean {
  for (const key of keys) {
    if (dependencies.has(key)) return true;
    if (!key.startsWith(PODS)) continue;
    for (const dependency of dependencies) if (podsHit(dependency, key)) return true;
  }
  return false;
}

/** A logical clock per key: cached cross-object findings are fresh while none of their keys moved on. */
export class DependencyClock {
  private now = 0;
  private readonly changedAt = new Map<string, number>();
  private podsChangedAt = 0;

  get time(): number {
    return this.now;
  }

  tick(keys: ReadonlySet<string>): void {
    if (keys.size === 0) return;
    this.now++;
    for (const key of keys) {
      this.changedAt.set(key, this.now);
      if (key.startsWith(PODS)) this.podsChangedAt = this.now;
    }
  }

  isFresh(dependencies: ReadonlySet<string>, since: number): boolean {
    for (const dependency of dependencies) {
      if ((this.changedAt.get(dependency) ?? 0) > since) return false;
      if (dependency === `${PODS}*` && this.podsChangedAt > since) return false;
      if (dependency.startsWith(PODS) && (this.changedAt.get(`${PODS}*`) ?? 0) > since) return false;
    }
    return true;
  }
}
