import type { ApplyProgress, ApplyReport, ObjectResult } from './applyResult';
import type { RolloutFailure, RolloutReport, RolloutTarget, WorkloadRollout } from './rollout';
import type { RolloutState } from './workloadStatus';

const refText = (r: ObjectResult): string =>
  `${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name}`;

/** One-line texts of apply progress and results, shared by the CLI and the editor's output channel. */
export const applyText = {
  wave: (p: Extract<ApplyProgress, { type: 'wave' }>): string => `wave ${p.wave + 1}/4: ${p.name} (${p.objects})`,
  object: (r: ObjectResult): string => `  ${r.status.padEnd(10)} ${refText(r)}${r.message ? ` — ${r.message}` : ''}`,
  rollout: (t: RolloutTarget, s: RolloutState): string =>
    `  ${s.ready ? 'ready  ' : 'waiting'} ${t.kind} ${t.namespace}/${t.name}: ${s.message}`,
  summary: (report: ApplyReport): string => {
    const counts = new Map<string, number>();
    for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const parts = [...counts].map(([status, n]) => `${n} ${status}`);
    return `${report.dryRun ? 'Dry run (nothing changed): ' : ''}${report.results.length} objects: ${parts.join(', ') || 'none'}`;
  },
  /** After an interrupted run: the objects whose outcome is unknown and those never sent, by name. */
  leftOver: (report: ApplyReport): string[] => {
    const named = (status: ObjectResult['status']): string[] =>
      report.results.filter((r) => r.status === status).map((r) => refText(r));
    const unknown = named('unknown');
    const skipped = named('skipped');
    return [
      ...(unknown.length > 0 ? [`Unknown (sent, no answer; re-run to converge): ${unknown.join(', ')}`] : []),
      ...(skipped.length > 0 ? [`Not applied: ${skipped.join(', ')}`] : []),
    ];
  },
  rolloutSummary: (report: RolloutReport): string[] => {
    if (report.ready) return [`All ${report.workloads.length} workloads are available.`];
    if (report.failed) return failedRollout(report);
    const head = report.cancelled
      ? 'Cancelled while waiting for rollouts.'
      : 'Timed out waiting for rollouts. Not ready:';
    return [head, ...report.workloads.filter((w) => !w.state.ready).flatMap(notReadyLines)];
  },
};

const notReadyLines = (w: WorkloadRollout): string[] => [
  `  ${w.target.kind} ${w.target.namespace}/${w.target.name}: ${w.state.message}`,
  ...w.problems.map((p) => `    pod ${p.pod}: ${p.message}`),
];

/** What the user does about each cause; the CLI's own commands for images. */
export function rolloutFix(failure: RolloutFailure): string {
  const at = failure.location ? ` at ${failure.location}` : '';
  switch (failure.cause) {
    case 'image':
      return `build the app images and load them into the cluster (starter-stack images build, then starter-stack images load), or correct the image${at}; then apply again`;
    case 'config':
      return `create the Secret or ConfigMap (or the key) it names, or correct the reference${at}; then apply again`;
    case 'storage':
      return `set storageClassName${at} to a StorageClass the cluster has (kubectl get storageclass), or install a volume provisioner; then apply again`;
    case 'unschedulable':
      return `lower the resource requests or relax the node selector, affinity or tolerations${at}, or add a node; then apply again`;
  }
}

function failedRollout(report: RolloutReport): string[] {
  const failed = report.workloads.filter((w) => w.failure !== undefined);
  // Its controller gave up (progress deadline exceeded) without a pod failure we could name.
  const gaveUp = report.workloads.filter((w) => w.failure === undefined && w.state.failed === true);
  const waiting = report.workloads.filter((w) => !w.state.ready && w.failure === undefined && !w.state.failed);
  return [
    `Rollout failed: ${failed.length + gaveUp.length} workload(s) cannot become available by waiting; stopped before the timeout.`,
    ...failed.flatMap((w) => {
      const f = w.failure as RolloutFailure;
      return [
        `  ${w.target.kind} ${w.target.namespace}/${w.target.name}${f.location ? ` (${f.location})` : ''}: pod ${f.pod}: ${f.message}`,
        `    Fix: ${rolloutFix(f)}`,
      ];
    }),
    ...gaveUp.flatMap(notReadyLines),
    ...(waiting.length > 0 ? ['Still not ready when the wait stopped:', ...waiting.flatMap(notReadyLines)] : []),
  ];
}
