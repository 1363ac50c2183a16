import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { err, errorMessage, ok, type Result } from '../util/result';
import { describeYamlError, yamlErrorParts } from '../util/yamlError';
import type { KubeObject } from './objects';

/** One Kubernetes object read from a manifest file. */
export interface ManifestEntry {
  readonly object: KubeObject;
  /** The file, relative to the folder that was loaded when it is inside it. */
  readonly file: string;
  /** 1-based line where the object's YAML document starts. */
  readonly line: number;
  /** 1-based line of a field (server-style path such as `spec.template.spec.containers[0].image`), if it is in the file. */
  readonly lineOf?: (fieldPath: string) => number | undefined;
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const isManifestFile = (name: string): boolean => /\.ya?ml$/i.test(name) && !KUSTOMIZATION_NAMES.includes(name);

/**
 * Reads a folder of manifests: the `resources` of its kustomization.yaml in order if there is one,
 * else its *.yaml/*.yml files sorted by name, then its sub-folders (sorted) the same way.
 */
export async function loadManifests(dir: string): Promise<Result<ManifestEntry[]>> {
  try {
    const info = await stat(dir);
    const files = info.isDirectory() ? await manifestFilesIn(dir) : { ok: true as const, value: [dir] };
    if (!files.ok) return files;
    const entries: ManifestEntry[] = [];
    for (const file of files.value) {
      const parsed = parseManifestText(await readFile(file, 'utf8'), info.isDirectory() ? relative(dir, file) : file);
      if (!parsed.ok) return parsed;
      entries.push(...parsed.value);
    }
    return ok(entries);
  } catch (e) {
    return err(`cannot read manifests from ${dir}: ${errorMessage(e)}`);
  }
}

async function manifestFilesIn(dir: string): Promise<Result<string[]>> {
  const names = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const kustomization = names.find((n) => n.isFile() && KUSTOMIZATION_NAMES.includes(n.name));
  if (kustomization) return kustomizationResources(dir, kustomization.name);
  const files = names.filter((n) => n.isFile() && isManifestFile(n.name)).map((n) => join(dir, n.name));
  for (const sub of names.filter((n) => n.isDirectory() && !n.name.startsWith('.'))) {
    const nested = await manifestFilesIn(join(dir, sub.name));
    if (!nested.ok) return nested;
    files.push(...nested.value);
  }
  return ok(files);
}

async function kustomizationResources(dir: string, name: string): Promise<Result<string[]>> {
  const file = join(dir, name);
  const text = await readFile(file, 'utf8');
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  const problem = first?.errors[0];
  if (!first || problem) return err(`${file}: not a valid kustomization (${problem ? describeYamlError(problem, text) : 'empty'})`);
  let resources: unknown;
  try {
    resources = (first.toJS() as { resources?: unknown } | null)?.resources ?? [];
  } catch {
    return err(`${file}: not a valid kustomization (an alias that names no anchor before it, or too many aliases)`);
  }
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) {
    return err(`${file}: "resources" must be a list of paths`);
  }
  const files: string[] = [];
  for (const resource of resources) {
    const path = resolve(dir, resource);
    const info = await stat(path).catch(() => undefined);
    if (!info) return err(`${file}: resource "${resource}" does not exist`);
    const nested = info.isDirectory() ? await manifestFilesIn(path) : ok([path]);
    if (!nested.ok) return nested;
    files.push(...nested.value);
  }
  return ok(files);
}

/** Parses one file's YAML stream into entries; a YAML error comes back as `file:line: message`. */
export function parseManifestText(text: string, file: string): Result<ManifestEntry[]> {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) return ok([]);
  const entries: ManifestEntry[] = [];
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) {
      const at = lineCounter.linePos(problem.pos[0]);
      return err(`${file}:${at.line}:${at.col}: YAML error: ${yamlErrorParts(problem).description}`);
    }
    const start = doc.contents?.range[0];
    if (start === undefined || doc.contents === null) continue;
    const line = lineCounter.linePos(start).line;
    let object: unknown;
    try {
      object = doc.toJS();
    } catch {
      // An alias with no anchor, or too many aliases: the library's message quotes the alias.
      return err(`${file}:${line}: YAML error: an alias that names no anchor before it, or too many aliases`);
    }
    if (object === null || object === undefined) continue;
    const invalid = shapeProblem(object);
    if (invalid) return err(`${file}:${line}: ${invalid}`);
    entries.push({ object: object as KubeObject, file, line, lineOf: (path) => fieldLine(doc, lineCounter, path) });
  }
  return ok(entries);
}

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return 'a manifest document must be a mapping (a Kubernetes object)';
  const o = value as Partial<KubeObject>;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return 'object has no apiVersion';
  if (typeof o.kind !== 'string' || o.kind === '') return 'object has no kind';
  if (typeof o.metadata?.name !== 'string' || o.metadata.name === '') return `${o.kind} has no metadata.name`;
  return undefined;
}

/** Splits `spec.containers[0].image` (the server's field path style) into path segments. */
export function splitFieldPath(fieldPath: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of fieldPath.replace(/^\./, '').split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return segments;
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

function fieldLine(doc: Document.Parsed, lineCounter: LineCounter, fieldPath: string): number | undefined {
  let path = splitFieldPath(fieldPath);
  // Walk up to the deepest part of the path that exists in the file.
  while (path.length > 0) {
    const node: unknown = doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(keyOffset(doc, path) ?? range[0]).line;
    path = path.slice(0, -1);
  }
  return undefined;
}

/** The offset of the key of the last path segment (so the line is the key's, not a block value's). */
function keyOffset(doc: Document.Parsed, path: (string | number)[]): number | undefined {
  const parent: unknown = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
    return (pair?.key as { range?: [number, number, number] } | null)?.range?.[0];
  }
  if (isSeq(parent) && typeof last === 'number') return (parent.items[last] as { range?: [number, number, number] } | undefined)?.range?.[0];
  return undefined;
}
