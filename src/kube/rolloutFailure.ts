import { isRecord, type KubeObject } from './objects';

/** Why waiting longer cannot help: the four failures a rollout stops on before its timeout. */
export type FailureCause = 'image' | 'config' | 'storage' | 'unschedulable';

/** A failure of one pod that only a change (an image loaded, a manifest fixed) can clear. */
export interface PodFailure {
  readonly cause: FailureCause;
  readonly pod: string;
  /** One line: what is wrong, with the kubelet's or scheduler's own words. */
  readonly message: string;
  /** The manifest field to fix, in the workload (server path style), when it is one. */
  readonly field?: string;
  /** For storage: the claim at fault (its own manifest is the place to fix). */
  readonly claim?: string;
}

type Rec = Record<string, unknown>;
const recs = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const rec = (value: unknown): Rec => (isRecord(value) ? value : {});

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** Wrong whatever happens next: the image reference itself, or a pull policy that forbids pulling a missing image. */
const IMAGE_NEVER = new Set(['InvalidImageName', 'ErrImageNeverPull']);
/**
 * A pod created this long before the wait began was failing before this deploy: its image may have been loaded
 * since, and the kubelet only retries after its back-off (up to 5 minutes), so it gets the full timeout instead.
 * The margin also absorbs a small clock difference between this machine and the cluster.
 */
const STALE_POD_MS = 10_000;

/**
 * The failure of a pod that cannot go away by waiting, or undefined (ready, progressing, or not certain).
 * `since`: when the wait began (ms since the epoch). `events`: the namespace's Events.
 */
export function certainPodFailure(
  pod: KubeObject,
  events: readonly KubeObject[],
  since: number,
): PodFailure | undefined {
  const status = rec(pod.status);
  if (recs(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True')) return undefined;
  return containerFailure(pod, status, since) ?? schedulingFailure(pod, status, events);
}

function containerFailure(pod: KubeObject, status: Rec, since: number): PodFailure | undefined {
  const name = pod.metadata.name;
  const groups: Array<[string, Rec[]]> = [
    ['initContainers', recs(status.initContainerStatuses)],
    ['containers', recs(status.containerStatuses)],
  ];
  for (const [group, statuses] of groups) {
    for (const container of statuses) {
      const waiting = rec(rec(container.state).waiting);
      const reason = str(waiting.reason);
      const detail = str(waiting.message);
      const cname = str(container.name);
      const field = containerField(pod, group, cname);
      if (IMAGE_NEVER.has(reason) || (IMAGE_PULL.has(reason) && !isStale(pod, since))) {
        return {
          cause: 'image',
          pod: name,
          field: field && `${field}.image`,
          message: `cannot pull image ${str(container.image)} (${reason}${detail ? `: ${detail}` : ''})`,
        };
      }
      if (reason === 'CreateContainerConfigError') {
        return {
          cause: 'config',
          pod: name,
          field,
          message: `container ${cname} cannot be created: ${detail || reason}`,
        };
      }
    }
  }
  return undefined;
}

function schedulingFailure(pod: KubeObject, status: Rec, events: readonly KubeObject[]): PodFailure | undefined {
  const scheduled = recs(status.conditions).find((c) => c.type === 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return undefined;
  const message = str(scheduled.message);
  if (/PersistentVolumeClaim|persistent volume/i.test(message)) return storageFailure(pod, events);
  // Nodes that are still starting (a fresh cluster) carry these taints for a moment: not certain yet.
  if (/node\.kubernetes\.io\/(not-ready|unreachable|network-unavailable)/.test(message)) return undefined;
  return {
    cause: 'unschedulable',
    pod: pod.metadata.name,
    field: 'spec.template.spec',
    message: `no node can run it: ${firstLine(message) || 'Unschedulable'}`,
  };
}

/** A pod waiting for a claim fails for certain only when the volume controller said it cannot provision or bind it. */
function storageFailure(pod: KubeObject, events: readonly KubeObject[]): PodFailure | undefined {
  const claims = recs(rec(pod.spec).volumes)
    .map((v) => str(rec(v.persistentVolumeClaim).claimName))
    .filter(Boolean);
  for (const claim of claims) {
    const refusal = events.find((e) => {
      const about = rec(e.involvedObject);
      return about.kind === 'PersistentVolumeClaim' && about.name === claim && isStorageRefusal(e);
    });
    if (refusal)
      return {
        cause: 'storage',
        pod: pod.metadata.name,
        claim,
        message: `PersistentVolumeClaim ${claim} cannot be bound: ${firstLine(str(refusal.message))}`,
      };
  }
  return undefined;
}

/** ProvisioningFailed (no such StorageClass, provisioner refused), or FailedBinding with no class and no volume to bind. */
function isStorageRefusal(event: KubeObject): boolean {
  if (event.reason === 'ProvisioningFailed') return true;
  return (
    event.reason === 'FailedBinding' &&
    /no persistent volumes available|storageclass.*not found/i.test(str(event.message))
  );
}

function isStale(pod: KubeObject, since: number): boolean {
  const created = Date.parse(str(pod.metadata.creationTimestamp));
  return Number.isFinite(created) && created < since - STALE_POD_MS;
}

/** `spec.template.spec.containers[2]`: where the pod's container comes from in its workload. */
function containerField(pod: KubeObject, group: string, container: string): string | undefined {
  const index = recs(rec(pod.spec)[group]).findIndex((c) => c.name === container);
  return index < 0 ? undefined : `spec.template.spec.${group}[${index}]`;
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;
