import { own } from '../util/own';
import { dig, list, rec, str, stringMap, type Rec } from './access';
import type { LintObject } from './object';
import type { Path } from './parse';

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  PodTemplate: ['template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/**
 * Workloads of well-known projects whose `spec.template` is a core PodTemplateSpec that their controller turns
 * into pods as it is (Argo Rollouts, OpenShift): linted like a Deployment's. Keyed by API group and kind.
 */
const KNOWN_CUSTOM_TEMPLATES: Record<string, Path> = {
  'argoproj.io/Rollout': ['spec', 'template'],
  'apps.openshift.io/DeploymentConfig': ['spec', 'template'],
};

export interface ContainerRef {
  readonly path: Path;
  readonly value: Rec;
  readonly name: string;
  /** An init container that runs to completion: no probes, serves no ports. */
  readonly init: boolean;
  /**
   * A native sidecar: an init container with `restartPolicy: Always`. It runs as long as the pod, serves ports
   * (a Service's named targetPort resolves to them), has probes and counts in the pod's requests, like a container.
   */
  readonly sidecar: boolean;
}

export interface PodTemplate {
  readonly object: LintObject;
  /** Path of the pod's `metadata` + `spec` owner: the template, or the Pod itself. */
  readonly path: Path;
  readonly labels: Record<string, string>;
  readonly spec: Rec;
  readonly containers: readonly ContainerRef[];
  /**
   * A custom kind that merely looks like a workload (`spec.template` with labels and containers): its pods are a
   * selector's target, but what its controller makes of the template is unknown, so rules do not lint it.
   */
  readonly inferred?: boolean;
}

function group(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** The pod template of a built-in workload, a Pod, or a well-known custom workload: what pod-level rules lint. */
export function podTemplate(object: LintObject): PodTemplate | undefined {
  const path =
    object.kind === 'Pod'
      ? []
      : (own(TEMPLATE_PATHS, object.kind) ?? own(KNOWN_CUSTOM_TEMPLATES, `${group(object.apiVersion)}/${object.kind}`));
  return path && templateAt(object, path);
}

/**
 * The pods a Service, PodDisruptionBudget or NetworkPolicy selector may land on: podTemplate's, and also those of any
 * other kind with a pod template at `spec.template` (labels and containers), such as an OpenKruise CloneSet or an
 * operator's own workload kind. Those are marked inferred.
 */
export function selectableTemplate(object: LintObject): PodTemplate | undefined {
  const known = podTemplate(object);
  if (known || own(TEMPLATE_PATHS, object.kind) || object.kind === 'Pod') return known;
  const template = rec(dig(object.value, 'spec', 'template'));
  if (!Array.isArray(rec(template?.spec)?.containers)) return undefined;
  if (Object.keys(stringMap(rec(template?.metadata)?.labels)).length === 0) return undefined;
  const inferred = templateAt(object, ['spec', 'template']);
  return inferred && { ...inferred, inferred: true };
}

function templateAt(object: LintObject, path: Path): PodTemplate | undefined {
  const template = path.length === 0 ? object.value : rec(dig(object.value, ...path));
  const spec = rec(template?.spec);
  if (!template || !spec) return undefined;
  const labels = stringMap(rec(template.metadata)?.labels);
  const containers = [
    ...containersAt(spec, [...path, 'spec'], 'containers'),
    ...containersAt(spec, [...path, 'spec'], 'initContainers'),
  ];
  return { object, path, labels, spec, containers };
}

function containersAt(spec: Rec, specPath: Path, field: string): ContainerRef[] {
  return list(spec[field]).flatMap((c, i) => {
    const value = rec(c);
    if (!value) return [];
    const sidecar = field === 'initContainers' && value.restartPolicy === 'Always';
    const init = field === 'initContainers' && !sidecar;
    return [{ path: [...specPath, field, i], value, name: str(value.name) ?? `#${i}`, init, sidecar }];
  });
}

export interface ContainerPort {
  readonly name: string | undefined;
  readonly number: number | undefined;
  readonly protocol: string;
  readonly path: Path;
  readonly container: ContainerRef;
}

export function portsOf(container: ContainerRef): ContainerPort[] {
  return list(container.value.ports).flatMap((p, i) => {
    const port = rec(p);
    if (!port) return [];
    const number = typeof port.containerPort === 'number' ? port.containerPort : undefined;
    return [
      {
        name: str(port.name),
        number,
        protocol: str(port.protocol) ?? 'TCP',
        path: [...container.path, 'ports', i],
        container,
      },
    ];
  });
}

/** Finds the container port a name or number refers to: containers first, then sidecars (Kubernetes' FindPort). */
export function findPort(containers: readonly ContainerRef[], ref: string | number): ContainerPort | undefined {
  for (const container of containers) {
    if (container.init) continue;
    const found = portsOf(container).find((p) => (typeof ref === 'number' ? p.number === ref : p.name === ref));
    if (found) return found;
  }
  return undefined;
}

/** True when every selector label is among the labels (an empty selector selects nothing here). */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => own(labels, k) === v);
}
