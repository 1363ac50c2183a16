import { stableJson } from './diff';
import { FIELD_MANAGER, isRecord, type KubeObject } from './objects';

/** A field the manifests set that holds another value in the cluster, written there by another field manager. */
export interface DriftField {
  /** Dotted path as the user reads it (`spec.replicas`); lists count as one field. */
  readonly path: string;
  /** What the manifests say (what applying sets it back to). */
  readonly manifest: unknown;
  /** What the cluster holds now. */
  readonly live: unknown;
  /** Who set it: the field manager that owns it in the live object's managedFields (`kubectl`, `kubectl-edit`, …). */
  readonly manager: string;
}

interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly fieldsV1?: unknown;
}

// Fields that identify the object rather than describe it: never drift.
const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);

/**
 * The fields the manifests set whose live value differs and is owned by a manager other than ours: a change made
 * in the cluster outside the manifests (replicas scaled by hand, an image set with kubectl), not an edit of the
 * manifests. Empty when the live object carries no managedFields.
 */
export function detectDrift(desired: KubeObject, live: KubeObject, ownManager = FIELD_MANAGER): DriftField[] {
  const managed = live.metadata.managedFields;
  const entries = (Array.isArray(managed) ? managed : []) as readonly ManagedFieldsEntry[];
  const others = entries.filter((e) => e.manager !== undefined && e.manager !== ownManager);
  if (others.length === 0) return [];
  const drift: DriftField[] = [];
  for (const [path, manifest] of leaves(desired)) {
    if (IDENTITY.has(path.join('.'))) continue;
    const current = valueAt(live, path);
    if (current === undefined || stableJson(current) === stableJson(manifest)) continue;
    const owner = others.find((e) => owns(e.fieldsV1, path));
    if (owner?.manager) drift.push({ path: path.join('.'), manifest, live: current, manager: owner.manager });
  }
  return drift;
}

/** One line for the review: `spec.replicas 4 → 2, set by kubectl`. */
export function describeDrift(field: DriftField): string {
  const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  return `${field.path} ${show(field.manifest)} → ${show(field.live)}, set by ${field.manager}`;
}

/** Leaf paths of an object: scalars and lists (a list is one field), skipping managedFields and status. */
function leaves(value: unknown, path: string[] = []): Array<[string[], unknown]> {
  if (!isRecord(value)) return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) => {
    if (path.length === 0 && key === 'status') return [];
    if (path.length === 1 && path[0] === 'metadata' && key === 'managedFields') return [];
    return leaves(child, [...path, key]);
  });
}

function valueAt(object: unknown, path: readonly string[]): unknown {
  let node = object;
  for (const key of path) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Whether a managedFields `fieldsV1` set holds the field at `path` (`f:spec` → `f:replicas`), or part of a list there. */
function owns(fieldsV1: unknown, path: readonly string[]): boolean {
  let node = fieldsV1;
  for (const key of path) {
    if (!isRecord(node)) return false;
    const next = `f:${key}`;
    if (!Object.hasOwn(node, next)) return false;
    node = node[next];
  }
  return true;
}
