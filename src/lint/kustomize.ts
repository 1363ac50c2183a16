import { readFileSync } from 'node:fs';
import { isAbsolute, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnvText, secretGeneratorEntries } from '../kube/kustomize';
import { list, rec, str } from './access';
import { LintObject } from './object';
import type { DocChunk, ParsedChunk, Path } from './parse';
import { baseName, dirOf, joinPath } from './paths';
import type { Range } from './types';

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
  /** `namespace:`, which kustomize sets on every namespaced object it emits. */
  readonly namespace: string | undefined;
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
  const namespace = str(k.namespace) || undefined;
  return { uri, dir, resources, patches, namespace };
}

/** Reads a file next to a kustomization; undefined when it cannot be read. */
export type ReadBeside = (kustomizationUri: string, relativePath: string) => string | undefined;

/** Reads from disk for a path or a file: URI; other schemes are not read (their keys are then unknown). */
export const readBesideOnDisk: ReadBeside = (uri, relativePath) => {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : isAbsolute(uri) ? uri : undefined;
  if (file === undefined) return undefined;
  try {
    return readFileSync(join(dirname(file), relativePath), 'utf8');
  } catch {
    return undefined;
  }
};

/** A Secret that a kustomization's secretGenerator makes: it points at the generator entry that makes it. */
class GeneratedSecret extends LintObject {
  constructor(
    uri: string,
    chunk: DocChunk,
    parsed: ParsedChunk,
    value: Record<string, unknown>,
    private readonly source: Path,
    /** Env files of the generator that are not in the repository (nor their `.example`): their keys are unknown. */
    readonly unreadEnvs: readonly string[],
  ) {
    super(uri, chunk, parsed, value);
  }

  override rangeOf(_path: Path): Range {
    return super.rangeOf([...this.source, 'name']);
  }

  override keyRangeOf(_path: Path): Range {
    return super.keyRangeOf([...this.source, 'name']);
  }
}

/**
 * The Secrets a kustomization document's secretGenerator makes, for the index only (they are not linted):
 * so secretKeyRef and envFrom references to them resolve. Keys come from the env files (or, when a file
 * is absent as on a fresh clone, from its committed `.example`; when neither is there, the keys are unknown), literals
 * and files; values are never read into the objects.
 */
export function generatedSecrets(
  uri: string,
  chunk: DocChunk,
  parsed: ParsedChunk,
  value: unknown,
  read: ReadBeside = readBesideOnDisk,
): LintObject[] {
  const kustomization = rec(value);
  if (!kustomization || !Array.isArray(kustomization.secretGenerator)) return [];
  const entries = secretGeneratorEntries(kustomization, uri);
  if (!entries.ok) return [];
  return entries.value.map((entry) => {
    const raw = rec(list(kustomization.secretGenerator)[entry.index]) ?? {};
    const unread: string[] = [];
    const keys = [
      ...entry.envs.flatMap((env) => {
        const text = read(uri, env) ?? read(uri, `${env}.example`);
        if (text === undefined) unread.push(env);
        return envKeys(text);
      }),
      ...list(raw.literals).flatMap((l) =>
        typeof l === 'string' && l.indexOf('=') > 0 ? [l.slice(0, l.indexOf('='))] : [],
      ),
      ...list(raw.files).flatMap((f) =>
        typeof f === 'string' ? [f.includes('=') ? f.slice(0, f.indexOf('=')) : f.slice(f.lastIndexOf('/') + 1)] : [],
      ),
    ];
    const metadata = { name: entry.name, ...(entry.namespace === undefined ? {} : { namespace: entry.namespace }) };
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata, data: Object.fromEntries(keys.map((k) => [k, ''])) };
    return new GeneratedSecret(uri, chunk, parsed, secret, ['secretGenerator', entry.index], unread);
  });
}

/**
 * The env files behind a generated Secret that the repository does not have (kept out of it, as secrets are): the
 * Secret's keys are then not all known. Empty for every other object.
 */
export function unreadEnvFiles(object: LintObject): readonly string[] {
  return object instanceof GeneratedSecret ? object.unreadEnvs : [];
}

function envKeys(text: string | undefined): string[] {
  if (text === undefined) return [];
  const pairs = parseEnvText(text, 'env');
  return pairs.ok ? pairs.value.map((p) => p.key) : [];
}
