import { parse, parseAllDocuments } from 'yaml';
import { generatedSecrets } from '../../src/kube/kustomize';
import { generateStack } from '../../src/stack/generate';
import type { StackOptionsInput } from '../../src/stack/options';
import { KUSTOMIZATION_FILE, type GeneratedFile } from '../../src/stack/render';

/** A Kubernetes object as plain data, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = Record<string, any>;

export interface RenderedStack {
  readonly files: readonly GeneratedFile[];
  readonly objects: readonly K8sObject[];
  find(kind: string, name: string): K8sObject;
  all(kind: string): K8sObject[];
}

/** The objects of the generated files: the components' documents, then the Secrets the kustomization generates. */
export function objectsOf(files: readonly GeneratedFile[]): K8sObject[] {
  const objects = files
    .filter((f) => f.component !== undefined)
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as K8sObject))
    .filter((o) => o !== null);
  const kustomization = files.find((f) => f.path === KUSTOMIZATION_FILE);
  if (!kustomization) return objects;
  const generated = generatedSecrets(
    parse(kustomization.content),
    (path) => files.find((f) => f.path === path)?.content,
    KUSTOMIZATION_FILE,
  );
  if (!generated.ok) throw new Error(generated.error);
  return [...objects, ...(generated.value as K8sObject[])];
}

/** A generated Secret's value for a key (the kustomization builds `data` in base64). */
export function secretValue(secret: K8sObject, key: string): string {
  const encoded = (secret.data as Record<string, string> | undefined)?.[key];
  if (encoded === undefined) throw new Error(`Secret ${secret.metadata.name} has no key ${key}`);
  return Buffer.from(encoded, 'base64').toString('utf8');
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
