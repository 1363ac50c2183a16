import type { ApplyProgress, ApplyReport, ObjectResult } from './applyResult';
import type { RolloutReport, RolloutTarget } from './rollout';
import type { RolloutState } from './workloadStatus';

/** One-line texts of apply progress and results, shared by the CLI and the editor's output channel. */
export const applyText = {
  wave: (p: Extract<ApplyProgress, { type: 'wave' }>): string => `wave ${p.wave + 1}/4: ${p.name} (${p.objects})`,
  object: (r: ObjectResult): string => {
    const name = `${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name}`;
    return `  ${r.status.padEnd(10)} ${name}${r.message ? ` — ${r.message}` : ''}`;
  },
  rollout: (t: RolloutTarget, s: RolloutState): string => `  ${s.ready ? 'ready  ' : 'waiting'} ${t.kind} ${t.namespace}/${t.name}: ${s.message}`,
  summary: (report: ApplyReport): string => {
    const counts = new Map<string, number>();
    for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const parts = [...counts].map(([status, n]) => `${n} ${status}`);
    return `${report.dryRun ? 'Dry run (nothing changed): ' : ''}${report.results.length} objects: ${parts.join(', ') || 'none'}`;
  },
  rolloutSummary: (report: RolloutReport): string[] => {
    if (report.ready) return [`All ${report.workloads.length} workloads are available.`];
    const head = report.cancelled ? 'Cancelled while waiting for rollouts.' : 'Timed out waiting for rollouts. Not ready:';
    return [head, ...report.workloads.filter((w) => !w.state.ready).flatMap((w) => [
      `  ${w.target.kind} ${w.target.namespace}/${w.target.name}: ${w.state.message}`,
      ...w.problems.map((p) => `    pod ${p.pod}: ${p.message}`),
    ])];
  },
};
