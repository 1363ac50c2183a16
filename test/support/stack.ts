import { parseAllDocuments } from 'yaml';
import { generateStack } from '../../src/stack/generate';
import type { StackOptionsInput } from '../../src/stack/options';
import type { GeneratedFile } from '../../src/stack/render';

/** A Kubernetes object as plain data, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = Record<string, any>;

export interface RenderedStack {
  readonly files: readonly GeneratedFile[];
  readonly objects: readonly K8sObject[];
  find(kind: string, name: string): K8sObject;
  all(kind: string): K8sObject[];
}

export function objectsOf(files: readonly GeneratedFile[]): K8sObject[] {
  return files
    .filter((f) => f.component !== undefined)
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as K8sObject))
    .filter((o) => o !== null);
}

/** Generates the stack in memory (no existing files) and gives lookup helpers over its objects. */
export async function renderStack(input: StackOptionsInput = {}): Promise<RenderedStack> {
  const plan = await generateStack(input, new Map());
  if (!plan.ok) throw new Error(plan.error);
  const files = plan.value.create;
  const objects = objectsOf(files);
  const all = (kind: string) => objects.filter((o) => o.kind === kind);
  const find = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the generated stack`);
    return found;
  };
  return { files, objects, find, all };
}

/** The pod template spec of a workload. */
export function podSpec(workload: K8sObject): K8sObject {
  return workload.spec.template.spec as K8sObject;
}

export function container(workload: K8sObject, name: string): K8sObject {
  const found = (podSpec(workload).containers as K8sObject[]).find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name} in ${workload.kind} ${workload.metadata.name}`);
  return found;
}
