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
}

export function podTemplate(object: LintObject): PodTemplate | undefined {
  const path = object.kind === 'Pod' ? [] : own(TEMPLATE_PATHS, object.kind);
  if (!path) return undefined;
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
