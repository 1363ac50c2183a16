import { list, rec, str } from './access';
import { baseName, dirOf, joinPath } from './paths';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const KUSTOMIZE_API = /^kustomize\.config\.k8s\.io\//;

/** True for a kustomization file, by its name or by its apiVersion. */
export function isKustomization(uri: string, value: unknown): boolean {
  if (KUSTOMIZATION_NAMES.has(baseName(uri))) return true;
  return KUSTOMIZE_API.test(str(rec(value)?.apiVersion) ?? '');
}

/** What a kustomization says about other files: what it builds from, and which files are patches. */
export interface KustomizationInfo {
  readonly uri: string;
  readonly dir: string;
  /** Resolved files and folders of `resources`, `bases` and `components`. */
  readonly resources: readonly string[];
  /** Resolved patch files: partial objects, merged into the resources. */
  readonly patches: readonly string[];
}

function patchPath(entry: unknown): string | undefined {
  // patchesStrategicMerge entries are paths or inline YAML; patches/patchesJson6902 entries carry `path`.
  const plain = str(entry);
  if (plain !== undefined) return plain.includes('\n') || plain.includes(':') ? undefined : plain;
  return str(rec(entry)?.path);
}

export function readKustomization(uri: string, value: unknown): KustomizationInfo {
  const k = rec(value) ?? {};
  const dir = dirOf(uri);
  const resources = ['resources', 'bases', 'components']
    .flatMap((field) => list(k[field]))
    .flatMap((e) => {
      const path = str(e);
      return path === undefined || /^[a-z]+:\/\/|^github\.com\//i.test(path) ? [] : [joinPath(dir, path)];
    });
  const patches = ['patches', 'patchesStrategicMerge', 'patchesJson6902']
    .flatMap((field) => list(k[field]))
    .flatMap((e) => {
      const path = patchPath(e);
      return path === undefined ? [] : [joinPath(dir, path)];
    });
  return { uri, dir, resources, patches };
}
