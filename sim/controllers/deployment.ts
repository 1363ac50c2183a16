// Deployment controller: one ReplicaSet per pod template (named <deployment>-<pod-template-hash>),
// rolling updates within maxSurge/maxUnavailable (Recreate: old to zero first), the
// deployment.kubernetes.io/revision annotation, and the status fields and Available/Progressing
// conditions `kubectl rollout status` reads (incl. ProgressDeadlineExceeded after progressDeadlineSeconds).
// Revisions as the real controller keeps them: a template that returns to an old ReplicaSet (a rollback,
// `kubectl rollout undo`) makes it the newest revision and records the old number in
// deployment.kubernetes.io/revision-history; the Deployment's own annotations (kubernetes.io/change-cause)
// are copied onto the new ReplicaSet; once a rollout completes, old ReplicaSets scaled to zero beyond
// spec.revisionHistoryLimit are deleted, lowest revision first.
// Simplified: no pause handling, available = ready.
import { type SimContext } from '../context';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import {
  R,
  arr,
  controlled,
  intOrPercent,
  modify,
  num,
  nowISO,
  o,
  ownerRef,
  setCondition,
  str,
  templateHash,
} from './util';

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** The Deployment annotations the real controller does not copy onto its ReplicaSets. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);
const revisionOf = (rs: KObject) => Number((meta(rs).annotations ?? {})[REVISION] ?? 0);

/** The Deployment's annotations a ReplicaSet carries (kubernetes.io/change-cause among them). */
function copiedAnnotations(d: KObject): Record<string, string> {
  return Object.fromEntries(Object.entries(meta(d).annotations ?? {}).filter(([k]) => !NOT_COPIED.has(k)));
}
const rsReplicas = (rs: KObject) => num(o(rs.spec).replicas);
const rsAvailable = (rs: KObject) => num(o(rs.status).availableReplicas);

function scaleRS(ctx: SimContext, d: KObject, rs: KObject, replicas: number): void {
  if (rsReplicas(rs) === replicas) return;
  const up = replicas > rsReplicas(rs);
  modify(
    ctx,
    R.replicaSet,
    meta(rs).namespace,
    meta(rs).name ?? '',
    (x) => void ((x.spec as Record<string, unknown>).replicas = replicas),
  );
  recordEvent(
    ctx,
    R.deployment,
    d,
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${up ? 'up' : 'down'} replica set ${meta(rs).name} from ${rsReplicas(rs)} to ${replicas}`,
    'deployment-controller',
  );
}

/**
 * Reconciles one Deployment (the stored object). `requeueAfter` asks for another pass later: like the real
 * controller, a rollout that is still progressing is looked at again when its progress deadline passes.
 */
export function reconcileDeployment(ctx: SimContext, d: KObject, requeueAfter: (ms: number) => void): void {
  const m = meta(d);
  const ns = m.namespace ?? 'default';
  const spec = o(d.spec);
  const replicas = num(spec.replicas, 1);
  const hash = templateHash(spec.template);
  const owned = controlled(ctx, R.replicaSet, d);
  let newRS = owned.find((rs) => (meta(rs).labels ?? {})['pod-template-hash'] === hash);
  const old = owned.filter((rs) => rs !== newRS);
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  if (!newRS) {
    const template = structuredClone(o(spec.template));
    const tm = o(template.metadata);
    tm.labels = { ...(tm.labels as Record<string, string> | undefined), 'pod-template-hash': hash };
    template.metadata = tm;
    const selector = structuredClone(o(spec.selector));
    selector.matchLabels = {
      ...(selector.matchLabels as Record<string, string> | undefined),
      'pod-template-hash': hash,
    };
    const strategy = o(spec.strategy);
    const recreate = strategy.type === 'Recreate';
    const first = old.length === 0;
    newRS = ctx.store.create(R.replicaSet, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${m.name}-${hash}`,
        namespace: ns,
        labels: tm.labels as Record<string, string>,
        annotations: {
          ...copiedAnnotations(d),
          [REVISION]: String(maxRevision + 1),
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas),
        },
        ownerReferences: [ownerRef(R.deployment, d)],
      },
      spec: {
        replicas: first || recreate ? (recreate && !first ? 0 : replicas) : 0,
        minReadySeconds: num(spec.minReadySeconds),
        selector,
        template,
      },
    });
    if (first)
      recordEvent(
        ctx,
        R.deployment,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${meta(newRS).name} from 0 to ${replicas}`,
        'deployment-controller',
      );
  } else {
    newRS = syncNewReplicaSetAnnotations(ctx, d, newRS, maxRevision) ?? newRS;
  }
  rollout(ctx, d, newRS, old, replicas);
  if (updateStatus(ctx, d, hash, replicas, requeueAfter)) cleanupOldReplicaSets(ctx, d, hash);
}

/**
 * The current ReplicaSet takes the Deployment's annotations; when the template returned to it from a newer one
 * (a rollback), it becomes the newest revision and its former number joins its revision history.
 */
function syncNewReplicaSetAnnotations(
  ctx: SimContext,
  d: KObject,
  rs: KObject,
  maxRevision: number,
): KObject | undefined {
  const current = revisionOf(rs);
  return modify(ctx, R.replicaSet, meta(rs).namespace, meta(rs).name ?? '', (x) => {
    const annotations = { ...meta(x).annotations, ...copiedAnnotations(d) };
    if (current < maxRevision) {
      const history = (annotations[REVISION_HISTORY] ?? '').split(',').filter(Boolean);
      annotations[REVISION_HISTORY] = [...history, String(current)].join(',');
      annotations[REVISION] = String(maxRevision + 1);
    }
    meta(x).annotations = annotations;
  });
}

/** After a complete rollout: old ReplicaSets at zero replicas beyond revisionHistoryLimit go, lowest revision first. */
function cleanupOldReplicaSets(ctx: SimContext, d: KObject, hash: string): void {
  const limit = num(o(d.spec).revisionHistoryLimit, 10);
  const cleanable = controlled(ctx, R.replicaSet, d)
    .filter(
      (rs) =>
        (meta(rs).labels ?? {})['pod-template-hash'] !== hash &&
        rsReplicas(rs) === 0 &&
        num(o(rs.status).replicas) === 0 &&
        !meta(rs).deletionTimestamp,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of cleanable.slice(0, Math.max(0, cleanable.length - limit)))
    ctx.store.delete(R.replicaSet, meta(rs).namespace, meta(rs).name ?? '');
}

function rollout(ctx: SimContext, d: KObject, newRS: KObject, old: KObject[], replicas: number): void {
  const strategy = o(o(d.spec).strategy);
  if (strategy.type === 'Recreate') {
    for (const rs of old) scaleRS(ctx, d, rs, 0);
    const oldPods = old.flatMap((rs) => controlled(ctx, R.pod, rs));
    if (oldPods.length === 0) scaleRS(ctx, d, newRS, replicas);
    return;
  }
  const ru = o(strategy.rollingUpdate);
  let maxSurge = intOrPercent(ru.maxSurge ?? '25%', replicas, true, 1);
  const maxUnavailable = intOrPercent(ru.maxUnavailable ?? '25%', replicas, false, 0);
  if (maxSurge === 0 && maxUnavailable === 0) maxSurge = 1;
  const all = [newRS, ...old];
  // Scale up the new ReplicaSet within replicas + maxSurge.
  const total = all.reduce((n, rs) => n + rsReplicas(rs), 0);
  if (old.every((rs) => rsReplicas(rs) === 0)) scaleRS(ctx, d, newRS, replicas);
  else if (rsReplicas(newRS) < replicas) {
    const room = replicas + maxSurge - total;
    if (room > 0) scaleRS(ctx, d, newRS, Math.min(replicas, rsReplicas(newRS) + room));
  } else if (rsReplicas(newRS) > replicas) scaleRS(ctx, d, newRS, replicas);
  // Scale down old ReplicaSets while keeping replicas - maxUnavailable available.
  const fresh = ctx.store.peek(R.replicaSet, meta(newRS).namespace, meta(newRS).name ?? '') ?? newRS;
  const available = [fresh, ...old].reduce((n, rs) => n + rsAvailable(rs), 0);
  const newUnavailable = Math.max(0, rsReplicas(fresh) - rsAvailable(fresh));
  const allPods = rsReplicas(fresh) + old.reduce((n, rs) => n + rsReplicas(rs), 0);
  let budget = Math.max(
    0,
    Math.min(allPods - (replicas - maxUnavailable) - newUnavailable, available - (replicas - maxUnavailable)),
  );
  // Old replicas that are not available can always go.
  for (const rs of [...old].sort((a, b) =>
    String(meta(a).creationTimestamp).localeCompare(String(meta(b).creationTimestamp)),
  )) {
    const unavailable = Math.max(0, rsReplicas(rs) - rsAvailable(rs));
    const cut = Math.min(rsReplicas(rs), unavailable + budget);
    if (cut > 0) {
      budget -= Math.max(0, cut - unavailable);
      scaleRS(ctx, d, rs, rsReplicas(rs) - cut);
    }
  }
}

/** Writes the Deployment's status; answers whether the rollout is complete. */
function updateStatus(
  ctx: SimContext,
  d: KObject,
  hash: string,
  replicas: number,
  requeueAfter: (ms: number) => void,
): boolean {
  const m = meta(d);
  const ns = m.namespace ?? 'default';
  const owned = controlled(ctx, R.replicaSet, d);
  const newRS = owned.find((rs) => (meta(rs).labels ?? {})['pod-template-hash'] === hash);
  const sum = (f: (s: Record<string, unknown>) => unknown) => owned.reduce((n, rs) => n + num(f(o(rs.status))), 0);
  const status = {
    replicas: sum((s) => s.replicas),
    updatedReplicas: newRS ? num(o(newRS.status).replicas) : 0,
    readyReplicas: sum((s) => s.readyReplicas),
    availableReplicas: sum((s) => s.availableReplicas),
  };
  const ru = o(o(o(d.spec).strategy).rollingUpdate);
  const maxUnavailable =
    o(o(d.spec).strategy).type === 'Recreate' ? 0 : intOrPercent(ru.maxUnavailable ?? '25%', replicas, false, 0);
  const complete =
    status.updatedReplicas === replicas &&
    status.replicas === replicas &&
    status.availableReplicas === replicas &&
    num(o(newRS?.spec).replicas) === replicas;
  modify(ctx, R.deployment, ns, m.name ?? '', (x) => {
    const st = o(x.status);
    let conds = arr(st.conditions);
    const availableOk = status.availableReplicas >= replicas - maxUnavailable;
    conds = setCondition(
      conds,
      'Available',
      availableOk ? 'True' : 'False',
      availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      availableOk ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
      { lastUpdateTime: nowISO() },
    );
    const rsName = newRS ? meta(newRS).name : '';
    const progressing = conds.find((c) => c.type === 'Progressing');
    const deadline = num(o(x.spec).progressDeadlineSeconds, 600) * 1000 * ctx.timeScale;
    const since = Date.parse(str(progressing?.lastUpdateTime, m.creationTimestamp ?? ''));
    // The condition times the rollout it names: one for another ReplicaSet, or the last rollout's completion, starts a
    // new clock (the real controller sets NewReplicaSetCreated / ReplicaSetUpdated first). Otherwise a restart long
    // after the last rollout would time out at once.
    const thisRollout =
      progressing !== undefined &&
      progressing.reason !== 'NewReplicaSetAvailable' &&
      str(progressing.message).includes(`"${rsName}"`);
    if (complete)
      conds = setCondition(
        conds,
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
        { lastUpdateTime: nowISO() },
      );
    else if (thisRollout && (progressing.reason === 'ProgressDeadlineExceeded' || Date.now() - since > deadline))
      conds = setCondition(
        conds,
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        `ReplicaSet "${rsName}" has timed out progressing.`,
        { lastUpdateTime: nowISO() },
      );
    else {
      if (
        progressing?.reason !== 'ReplicaSetUpdated' ||
        progressing.message !== `ReplicaSet "${rsName}" is progressing.`
      )
        conds = setCondition(
          conds,
          'Progressing',
          'True',
          'ReplicaSetUpdated',
          `ReplicaSet "${rsName}" is progressing.`,
          { lastUpdateTime: nowISO() },
        );
      const started = Date.parse(
        str(conds.find((c) => c.type === 'Progressing')?.lastUpdateTime, m.creationTimestamp ?? ''),
      );
      // lastUpdateTime has second precision: look again a second after the deadline could have passed.
      requeueAfter(Math.max(0, started + deadline - Date.now()) + 1000);
    }
    x.status = {
      observedGeneration: m.generation,
      ...status,
      unavailableReplicas: Math.max(0, replicas - status.availableReplicas),
      conditions: conds,
    };
    const s = x.status as Record<string, unknown>;
    for (const k of ['readyReplicas', 'availableReplicas', 'unavailableReplicas', 'updatedReplicas', 'replicas'])
      if (s[k] === 0) delete s[k];
  });
  // Record the revision on the Deployment like the real controller.
  const rev = newRS ? (meta(newRS).annotations ?? {})[REVISION] : undefined;
  if (rev && (m.annotations ?? {})[REVISION] !== rev)
    modify(
      ctx,
      R.deployment,
      ns,
      m.name ?? '',
      (x) => void (meta(x).annotations = { ...meta(x).annotations, [REVISION]: rev }),
    );
  return complete;
}
