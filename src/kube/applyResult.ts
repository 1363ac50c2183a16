import type { DriftField } from './drift';
import { sameContent } from './diff';
import type { FieldConflict } from './failures';
import type { PriorState } from './liveState';
import type { KubeObject, ObjectRef } from './objects';

export type ApplyStatus = 'created' | 'configured' | 'unchanged' | 'failed' | 'conflict' | 'unknown' | 'skipped';

/**
 * What happened to one object. `failed`/`conflict`: the server refused it, or it never reached the server (not stored).
 * `unknown`: sent, but no answer came back (connection lost, cancelled in flight): it may or may not be stored.
 * `skipped`: never sent (cancelled, or the cluster became unusable).
 */
export interface ObjectResult {
  readonly ref: ObjectRef;
  readonly file: string;
  readonly line: number;
  readonly wave: number;
  readonly status: ApplyStatus;
  /** For failed/conflict/skipped: why, one line; for 422/400 prefixed with `file:line:`. */
  readonly message?: string;
  readonly conflicts?: readonly FieldConflict[];
  /** Dry run only: unified diff of the live object against the result (empty: no change). Secret values masked. */
  readonly diff?: string;
  /** Dry run only: fields the manifests set that another field manager changed in the cluster (drift). */
  readonly drift?: readonly DriftField[];
}

export interface ApplyReport {
  readonly dryRun: boolean;
  readonly results: readonly ObjectResult[];
  /** Set when the run stopped early: why (cancelled, credentials rejected, cluster gone). */
  readonly interrupted?: string;
}

export type ApplyProgress =
  | { readonly type: 'wave'; readonly wave: number; readonly name: string; readonly objects: number }
  | { readonly type: 'object'; readonly result: ObjectResult; readonly done: number; readonly total: number };

/**
 * created/configured/unchanged from the answer to the apply and what the cluster held before, without another GET.
 * The resourceVersion alone cannot be trusted in a dry run (nothing is written) or when a controller wrote status
 * in between, so content is compared when it differs.
 */
export function classifyApplied(
  httpStatus: number,
  prior: PriorState,
  result: KubeObject,
  dryRun: boolean,
): 'created' | 'configured' | 'unchanged' {
  if (httpStatus === 201) return 'created';
  if (!prior.known) return 'configured';
  if (!prior.live) return 'created';
  const sameVersion =
    prior.live.metadata.resourceVersion !== undefined &&
    prior.live.metadata.resourceVersion === result.metadata.resourceVersion;
  if (sameVersion && !dryRun) return 'unchanged';
  return sameContent(prior.live, result) ? 'unchanged' : 'configured';
}

export function countByStatus(results: readonly ObjectResult[]): Record<ApplyStatus, number> {
  const counts: Record<ApplyStatus, number> = {
    created: 0,
    configured: 0,
    unchanged: 0,
    failed: 0,
    conflict: 0,
    unknown: 0,
    skipped: 0,
  };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** The four outcomes a user acts on; every object is in exactly one, so they add up to the total. */
export interface OutcomeCounts {
  readonly total: number;
  readonly applied: number;
  readonly failed: number;
  readonly unknown: number;
  readonly notApplied: number;
}

export const isApplied = (r: ObjectResult): boolean =>
  r.status === 'created' || r.status === 'configured' || r.status === 'unchanged';

export function outcomeCounts(results: readonly ObjectResult[]): OutcomeCounts {
  const c = countByStatus(results);
  return {
    total: results.length,
    applied: c.created + c.configured + c.unchanged,
    failed: c.failed + c.conflict,
    unknown: c.unknown,
    notApplied: c.skipped,
  };
}

/** "3 of 54 objects applied, 8 failed, 2 unknown (re-run to converge), 41 not applied": every object counted once. */
export function outcomeText(c: OutcomeCounts): string {
  return `${c.applied} of ${c.total} objects applied, ${c.failed} failed, ${c.unknown} unknown (re-run to converge), ${c.notApplied} not applied`;
}

export function allApplied(report: ApplyReport): boolean {
  return report.interrupted === undefined && report.results.every(isApplied);
}
