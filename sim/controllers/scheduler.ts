// The simulated scheduler: binds Pending pods to the node with the fewest pods; pods whose
// PersistentVolumeClaims are not Bound stay Pending with a FailedScheduling event (and are retried),
// like the real scheduler's VolumeBinding plugin. Simplified: no resources, affinity or taints.
import { type SimContext, later } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { R, arr, modify, nowISO, o, setCondition } from './util';

/** Real binding takes milliseconds; a short delay keeps the Pending state observable. */
export const SCHEDULE_MS = 150;
const RETRY_MS = 1000;
const pendingRetries = new WeakMap<SimContext, Set<string>>();

function unboundClaims(ctx: SimContext, pod: KObject): string[] {
  const ns = meta(pod).namespace;
  return arr(o(pod.spec).volumes)
    .map((v) => o(v.persistentVolumeClaim).claimName)
    .filter((c): c is string => typeof c === 'string')
    .filter((claim) => o(ctx.store.peek(R.pvc, ns, claim)?.status).phase !== 'Bound');
}

export function schedule(ctx: SimContext, pod: KObject, onBound: (pod: KObject) => void): void {
  const m = meta(pod);
  const retries = pendingRetries.get(ctx) ?? new Set<string>();
  pendingRetries.set(ctx, retries);
  later(ctx, SCHEDULE_MS, () => {
    const live = ctx.store.peek(R.pod, m.namespace, m.name ?? '');
    if (!live || meta(live).uid !== m.uid) return;
    const unbound = unboundClaims(ctx, live);
    if (unbound.length) {
      const n = ctx.nodeNames.length;
      const msg = `0/${n} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
      modify(ctx, R.pod, m.namespace, m.name ?? '', (p) => {
        const st = o(p.status);
        st.phase = 'Pending';
        st.conditions = setCondition(arr(st.conditions), 'PodScheduled', 'False', 'Unschedulable', msg);
        p.status = st;
      });
      if (!retries.has(m.uid ?? ''))
        recordEvent(ctx, R.pod, live, 'Warning', 'FailedScheduling', msg, 'default-scheduler');
      retries.add(m.uid ?? '');
      later(ctx, RETRY_MS, () => schedule(ctx, live, onBound));
      return;
    }
    retries.delete(m.uid ?? '');
    const fixed = o(live.spec).nodeName;
    const node = typeof fixed === 'string' ? fixed : leastLoaded(ctx);
    const bound = modify(ctx, R.pod, m.namespace, m.name ?? '', (p) => {
      const spec = o(p.spec);
      spec.nodeName = node;
      p.spec = spec;
      const st = o(p.status);
      st.conditions = setCondition(arr(st.conditions), 'PodScheduled', 'True', '', '');
      st.hostIP = hostIP(ctx, node);
      st.hostIPs = [{ ip: st.hostIP }];
      st.startTime = nowISO();
      p.status = st;
    });
    if (!bound) return;
    recordEvent(
      ctx,
      R.pod,
      bound,
      'Normal',
      'Scheduled',
      `Successfully assigned ${m.namespace}/${m.name} to ${node}`,
      'default-scheduler',
    );
    onBound(bound);
  });
}

function leastLoaded(ctx: SimContext): string {
  const counts = new Map(ctx.nodeNames.map((n) => [n, 0]));
  for (const p of ctx.store.view(R.pod)) {
    const n = o(p.spec).nodeName;
    if (typeof n === 'string' && counts.has(n)) counts.set(n, counts.get(n)! + 1);
  }
  return [...counts].sort((a, b) => a[1] - b[1])[0]?.[0] ?? 'sim-node-1';
}

export function hostIP(ctx: SimContext, node: string): string {
  return `172.18.0.${ctx.nodeNames.indexOf(node) + 3}`;
}
