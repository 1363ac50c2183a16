import type { ApplyReport, ObjectResult } from './applyResult';

/** The dry run as the review shows it: what matters first, the namespace note once, unchanged objects counted. */
export interface ReviewGroups {
  readonly failed: readonly ObjectResult[];
  readonly conflicts: readonly ObjectResult[];
  readonly changes: readonly ObjectResult[];
  readonly unchanged: readonly ObjectResult[];
  /** Set when the target namespace does not exist yet: the objects in it could not be checked by the server. */
  readonly missingNamespace?: string;
}

const NOT_CHECKED = /^not checked by the server: namespace (\S+) does not exist yet$/;

/** Failures, then conflicts, then changes (created/configured), then unchanged; "namespace missing" said once. */
export function reviewGroups(report: ApplyReport): ReviewGroups {
  const of = (...statuses: ObjectResult['status'][]) => report.results.filter((r) => statuses.includes(r.status));
  const missing = report.results.map((r) => NOT_CHECKED.exec(r.message ?? '')?.[1]).find((ns) => ns !== undefined);
  // The per-object note repeats the namespace note: drop it from each row.
  const changes = of('created', 'configured').map((r) =>
    missing !== undefined && NOT_CHECKED.test(r.message ?? '') ? { ...r, message: undefined } : r,
  );
  return {
    failed: of('failed', 'skipped'),
    conflicts: of('conflict'),
    changes,
    unchanged: of('unchanged'),
    ...(missing !== undefined ? { missingNamespace: missing } : {}),
  };
}
