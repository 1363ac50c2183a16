import type { ApplyReport, ObjectResult } from './applyResult';
import { describeDrift } from './drift';

/** The dry run as the review shows it: what matters first, the namespace note once, unchanged objects counted. */
export interface ReviewGroups {
  readonly failed: readonly ObjectResult[];
  readonly conflicts: readonly ObjectResult[];
  /** Changes that undo what another field manager set in the cluster (drift), apart from edits of the manifests. */
  readonly drifted: readonly ObjectResult[];
  readonly changes: readonly ObjectResult[];
  readonly unchanged: readonly ObjectResult[];
  /** Set when the target namespace does not exist yet: the objects in it could not be checked by the server. */
  readonly missingNamespace?: string;
}

const NOT_CHECKED = /^not checked by the server: namespace (\S+) does not exist yet$/;

/**
 * Failures, then conflicts, then drift, then changes (created/configured), then unchanged; "namespace missing" said
 * once.
 */
export function reviewGroups(report: ApplyReport): ReviewGroups {
  const of = (...statuses: ObjectResult['status'][]) => report.results.filter((r) => statuses.includes(r.status));
  const missing = report.results.map((r) => NOT_CHECKED.exec(r.message ?? '')?.[1]).find((ns) => ns !== undefined);
  // The per-object note repeats the namespace note: drop it from each row.
  const drifted = of('configured').filter((r) => (r.drift?.length ?? 0) > 0);
  const changes = of('created', 'configured')
    .filter((r) => !drifted.includes(r))
    .map((r) => (missing !== undefined && NOT_CHECKED.test(r.message ?? '') ? { ...r, message: undefined } : r));
  return {
    failed: of('failed', 'skipped'),
    conflicts: of('conflict'),
    drifted,
    changes,
    unchanged: of('unchanged'),
    ...(missing !== undefined ? { missingNamespace: missing } : {}),
  };
}

/** The drift of one object in a line: `drift: spec.replicas 4 → 2, set by kubectl`. Undefined without drift. */
export function driftLine(result: ObjectResult): string | undefined {
  if (!result.drift?.length) return undefined;
  return `drift: ${result.drift.map(describeDrift).join('; ')}`;
}
