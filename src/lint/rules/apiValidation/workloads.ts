/** apps, batch and autoscaling checks (pkg/apis/{apps,batch,autoscaling}/validation). */
import { dig, num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { checkCronTimeZone, checkJobSpec, jobSpecOf } from './batch';
import { atLeast, closestFix, intOrPercent, items, nonNegative, NON_NEGATIVE } from './fields';
import { checkPodSpec } from './pod';
import { checkAppArmorAnnotations } from './podOs';
import type { Problems } from './problems';

const JOB_NON_NEGATIVE = [
  'parallelism',
  'completions',
  'activeDeadlineSeconds',
  'backoffLimit',
  'ttlSecondsAfterFinished',
];

/** Where each kind keeps its pod template, and the non-negative fields of its spec. */
const WORKLOADS: Record<string, { template: Path; nonNegative: readonly string[] }> = {
  Deployment: { template: ['spec', 'template'], nonNegative: ['replicas', 'minReadySeconds', 'revisionHistoryLimit'] },
  StatefulSet: { template: ['spec', 'template'], nonNegative: ['replicas', 'minReadySeconds', 'revisionHistoryLimit'] },
  DaemonSet: { template: ['spec', 'template'], nonNegative: ['minReadySeconds', 'revisionHistoryLimit'] },
  ReplicaSet: { template: ['spec', 'template'], nonNegative: ['replicas', 'minReadySeconds'] },
  ReplicationController: { template: ['spec', 'template'], nonNegative: ['replicas', 'minReadySeconds'] },
  Job: { template: ['spec', 'template'], nonNegative: JOB_NON_NEGATIVE },
  CronJob: {
    template: ['spec', 'jobTemplate', 'spec', 'template'],
    nonNegative: ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
  },
  PodTemplate: { template: ['template'], nonNegative: [] },
};

export function checkWorkload(p: Problems, kind: string, value: Rec, apiVersion = 'apps/v1'): void {
  if (kind === 'Pod') {
    const spec = rec(value.spec);
    if (spec) checkPodSpec(p, spec, ['spec'], false);
    if (spec) checkAppArmorAnnotations(p, ['metadata'], dig(value, 'metadata', 'annotations'), spec, ['metadata']);
    return;
  }
  const workload = Object.hasOwn(WORKLOADS, kind) ? WORKLOADS[kind] : undefined;
  if (!workload) return;
  const spec = rec(value.spec);
  nonNegative(p, spec, ['spec'], workload.nonNegative);
  if (kind === 'CronJob') {
    nonNegative(p, dig(spec, 'jobTemplate', 'spec'), ['spec', 'jobTemplate', 'spec'], JOB_NON_NEGATIVE);
    checkCronTimeZone(p, spec);
  }
  if (kind === 'Deployment') checkDeployment(p, spec);
  if (kind === 'StatefulSet') checkStatefulSet(p, spec);
  if (kind === 'DaemonSet') checkDaemonSet(p, spec, apiVersion);
  const job = jobSpecOf(kind, value);
  if (job) checkJobSpec(p, ...job);
  const podSpec = rec(dig(value, ...workload.template, 'spec'));
  if (podSpec) checkPodSpec(p, podSpec, [...workload.template, 'spec'], true);
  const meta = [...workload.template, 'metadata'];
  if (podSpec) checkAppArmorAnnotations(p, meta, dig(value, ...meta, 'annotations'), podSpec, workload.template);
}

function checkDeployment(p: Problems, spec: Rec | undefined): void {
  const deadline = num(spec?.progressDeadlineSeconds);
  const minReady = num(spec?.minReadySeconds) ?? 0;
  if (deadline !== undefined && deadline >= 0 && deadline <= minReady)
    p.invalid(['spec', 'progressDeadlineSeconds'], deadline, 'must be greater than minReadySeconds');
  else nonNegative(p, spec, ['spec'], ['progressDeadlineSeconds']);
  const strategy = rec(spec?.strategy);
  const path = ['spec', 'strategy'];
  if (!strategy || rec(strategy.rollingUpdate) === undefined) return;
  const type = str(strategy.type);
  if (type === 'Recreate') {
    p.forbidden([...path, 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'");
    return;
  }
  // Another type is refused at `type` (schema), and its rollingUpdate is not validated.
  if (type !== undefined && type !== 'RollingUpdate') return;
  checkRollingUpdate(p, rec(strategy.rollingUpdate) ?? {}, [...path, 'rollingUpdate']);
}

/** A count or percent's number, for the comparisons beside the format checks; undefined when it is neither. */
function countOrPercent(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

const unset = (value: unknown): boolean => value === undefined || value === null;

/** ValidateRollingUpdateDeployment: counts or percents; only maxUnavailable stops at 100% (a surge may double). */
function checkRollingUpdate(p: Problems, update: Rec, path: Path): void {
  intOrPercent(p, update, path, 'maxUnavailable');
  intOrPercent(p, update, path, 'maxSurge', false);
  if (countOrPercent(update.maxUnavailable) === 0 && countOrPercent(update.maxSurge) === 0)
    p.invalid([...path, 'maxUnavailable'], update.maxUnavailable, 'may not be 0 when `maxSurge` is 0');
}

/** ValidateRollingUpdateDaemonSet: both bounds are counts or percents (OnDelete validates no rollingUpdate). */
function checkDaemonSet(p: Problems, spec: Rec | undefined, apiVersion: string): void {
  const strategy = rec(spec?.updateStrategy);
  const type = str(strategy?.type);
  if (type === 'OnDelete') return;
  const path = ['spec', 'updateStrategy', 'rollingUpdate'];
  const update = rec(strategy?.rollingUpdate);
  for (const field of ['maxUnavailable', 'maxSurge']) intOrPercent(p, update, path, field);
  // The bounds below count apps/v1's defaults (extensions/v1beta1 defaulted to OnDelete, and is removed).
  if (apiVersion === 'apps/v1' && (type === undefined || type === 'RollingUpdate'))
    checkOneBound(p, update ?? {}, path);
}

/**
 * ValidateRollingUpdateDaemonSet after SetDefaults_DaemonSet (an unset maxUnavailable is 1, an unset maxSurge 0):
 * exactly one of the two is non-zero. A bound that is no valid count or percent is reported by itself.
 */
function checkOneBound(p: Problems, update: Rec, path: Path): void {
  const valid = (v: unknown) => (typeof v === 'number' && v < 0 ? undefined : countOrPercent(v));
  const unavailable = unset(update.maxUnavailable) ? 1 : valid(update.maxUnavailable);
  const surge = unset(update.maxSurge) ? 0 : valid(update.maxSurge);
  if (unavailable === undefined || surge === undefined) return;
  const surgePath = [...path, 'maxSurge'];
  const detail = 'may not be set when maxUnavailable is non-zero';
  if (unavailable !== 0 && surge !== 0) {
    if (unset(update.maxUnavailable)) p.invalid(surgePath, update.maxSurge, `${detail} (it defaults to 1)`);
    else p.invalidBecause(surgePath, update.maxSurge, detail, [...path, 'maxUnavailable']);
  } else if (unavailable === 0 && surge === 0) {
    p.required([...path, 'maxUnavailable'], 'cannot be 0 when maxSurge is 0');
  }
}

function checkStatefulSet(p: Problems, spec: Rec | undefined): void {
  const strategy = rec(spec?.updateStrategy);
  const path = ['spec', 'updateStrategy', 'rollingUpdate'];
  if (str(strategy?.type) === 'OnDelete' && rec(strategy?.rollingUpdate))
    p.invalid(path, 'rollingUpdate', "only allowed for updateStrategy 'RollingUpdate'");
  atLeast(p, rec(strategy?.rollingUpdate), path, 'partition', 0, NON_NEGATIVE);
}

export function checkAutoscaler(p: Problems, value: Rec, apiVersion: string): void {
  const spec = rec(value.spec);
  atLeast(p, spec, ['spec'], 'minReplicas', 1, 'must be greater than or equal to 1');
  atLeast(p, spec, ['spec'], 'maxReplicas', 1, 'must be greater than 0');
  if (apiVersion === 'autoscaling/v2') checkMetricTypes(p, spec);
  for (const direction of ['scaleUp', 'scaleDown']) {
    const rules = rec(dig(spec, 'behavior', direction));
    if (rules) checkScalingRules(p, rules, ['spec', 'behavior', direction]);
  }
}

/** validMetricSourceTypesList: sorted, as the API server lists them. The OpenAPI schema leaves `type` a free string. */
const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

function checkMetricTypes(p: Problems, spec: Rec | undefined): void {
  for (const [metric, at] of items(spec, ['spec'], 'metrics')) {
    const type = str(metric.type);
    if (type === undefined || type === '' || METRIC_TYPES.includes(type)) continue;
    p.unsupported([...at, 'type'], type, METRIC_TYPES, closestFix(type, METRIC_TYPES, [...at, 'type']));
  }
}

const SELECT_POLICIES = ['Max', 'Min', 'Disabled'];
const POLICY_TYPES = ['Pods', 'Percent'];

/** autoscaling/v2 HPAScalingRules: the select policy, the window (≤ 1 hour) and each policy's type, value, period. */
function checkScalingRules(p: Problems, rules: Rec, path: Path): void {
  const select = str(rules.selectPolicy);
  if (select !== undefined && !SELECT_POLICIES.includes(select)) {
    const fixes = closestFix(select, SELECT_POLICIES, [...path, 'selectPolicy']);
    p.unsupported([...path, 'selectPolicy'], select, SELECT_POLICIES, fixes);
  }
  const window = num(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0) p.invalid([...path, 'stabilizationWindowSeconds'], window, NON_NEGATIVE);
  if (window !== undefined && window > 3600)
    p.invalid([...path, 'stabilizationWindowSeconds'], window, 'must be less than or equal to 3600');
  for (const [policy, at] of items(rules, path, 'policies')) {
    const type = str(policy.type);
    if (type !== undefined && !POLICY_TYPES.includes(type)) p.unsupported([...at, 'type'], type, POLICY_TYPES);
    atLeast(p, policy, at, 'value', 1, 'must be greater than zero');
    atLeast(p, policy, at, 'periodSeconds', 1, 'must be greater than zero');
    const period = num(policy.periodSeconds);
    if (period !== undefined && period > 1800)
      p.invalid([...at, 'periodSeconds'], period, 'must be less than or equal to 1800');
  }
}

/** policy/v1 PodDisruptionBudget: one of minAvailable and maxUnavailable, each a count or a percent up to 100%. */
export function checkDisruptionBudget(p: Problems, value: Rec): void {
  const spec = rec(value.spec);
  if (!spec) return;
  for (const field of ['minAvailable', 'maxUnavailable']) intOrPercent(p, spec, ['spec'], field);
  const set = (v: unknown) => v !== undefined && v !== null;
  if (set(spec.minAvailable) && set(spec.maxUnavailable))
    p.forbidden(['spec', 'maxUnavailable'], 'minAvailable and maxUnavailable cannot be both set');
  const policy = str(spec.unhealthyPodEvictionPolicy);
  if (policy !== undefined && !['IfHealthyBudget', 'AlwaysAllow'].includes(policy))
    p.unsupported(['spec', 'unhealthyPodEvictionPolicy'], policy, ['IfHealthyBudget', 'AlwaysAllow']);
}
