import type { KubeObject } from './objects';

// How long a controller takes to replace a pod: from its deletion to the first new pod of the same owner that is
// Ready, read from the watch cache's pod events (so the figure is what the cluster reported, not a guess).

const isReady = (pod: KubeObject): boolean =>
  Array.isArray((pod.status as { conditions?: unknown } | undefined)?.conditions) &&
  (pod.status as { conditions: { type?: string; status?: string }[] }).conditions.some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );

function controllerUid(pod: KubeObject): string | undefined {
  const refs = Array.isArray(pod.metadata.ownerReferences)
    ? (pod.metadata.ownerReferences as { uid?: string; controller?: boolean }[])
    : [];
  return refs.find((r) => r.controller === true)?.uid;
}

/** Watches for the replacement of one deleted pod. `check` is fed the namespace's pods after each cache change. */
export class ReplacementTimer {
  private readonly owner: string | undefined;
  private readonly before: ReadonlySet<string>;

  /** `podsBefore`: the namespace's pods at deletion time; none of them counts as the replacement. */
  constructor(
    readonly deleted: KubeObject,
    podsBefore: readonly KubeObject[],
    readonly deletedAt: number,
  ) {
    this.owner = controllerUid(deleted);
    this.before = new Set(podsBefore.map((p) => p.metadata.uid ?? p.metadata.name));
  }

  /** False when nothing will replace the pod (it had no controller). */
  get replaceable(): boolean {
    return this.owner !== undefined;
  }

  /** The new ready pod and the milliseconds since deletion, once there is one. */
  check(pods: readonly KubeObject[], now: number): { pod: string; ms: number } | undefined {
    if (!this.owner) return undefined;
    const replacement = pods.find(
      (p) =>
        controllerUid(p) === this.owner &&
        !this.before.has(p.metadata.uid ?? p.metadata.name) &&
        !p.metadata.deletionTimestamp &&
        isReady(p),
    );
    return replacement ? { pod: replacement.metadata.name, ms: now - this.deletedAt } : undefined;
  }
}
