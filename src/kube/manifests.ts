import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { err, errorMessage, ok, type Result } from '../util/result';
import { envKeys, generatedSecrets, missingSecretsNote, SECRETS_ENV_HEADER, secretGeneratorEntries } from './kustomize';
import { describeYamlError, yamlErrorParts } from '../util/yamlError';
import { yamlLib } from '../util/yamlLib';
import { readDocuments } from './manifestReader';
import { mapBounded } from './pool';
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

/**
 * Files open at once while a folder is read: all at once, a folder of thousands of manifests ran out of file
 * descriptors (EMFILE) under a low open-file limit.
 */
const READ_AHEAD = 32;
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const isManifestFile = (name: string): boolean => /\.ya?ml$/i.test(name) && !KUSTOMIZATION_NAMES.includes(name);

/** How loading treats a kustomization's secretGenerator env files that are missing (a fresh clone). */
export interface LoadOptions {
  /** Create a missing env file from its `.example` with new random values (mode 0600); else it is an error. */
  readonly createMissingSecrets?: boolean;
  /** Told what was created, in one line a user reads. Never carries a value. */
  readonly onNote?: (message: string) => void;
}

// A file to parse, or objects made by a kustomization's generators.
type Source = string | ManifestEntry;

/**
 * Reads a folder of manifests: the `resources` of its kustomization.yaml in order if there is one (then the
 * Secrets of its secretGenerator), else its *.yaml/*.yml files sorted by name, then its sub-folders (sorted) the same way.
 */
export async function loadManifests(dir: string, options: LoadOptions = {}): Promise<Result<ManifestEntry[]>> {
  try {
    const info = await stat(dir);
    const sources = info.isDirectory() ? await manifestFilesIn(dir, dir, options) : { ok: true as const, value: [dir] };
    if (!sources.ok) return sources;
    // Files are read READ_AHEAD at a time (the thread pool stays busy), then parsed in order.
    const bytes = await mapBounded(
      sources.value,
      READ_AHEAD,
      (s) => (typeof s === 'string' ? readFile(s) : Promise.resolve(undefined)),
      { skipped: () => undefined },
    );
    const entries: ManifestEntry[] = [];
    for (const [index, source] of sources.value.entries()) {
      if (typeof source !== 'string') {
        entries.push(source);
        continue;
      }
      const name = info.isDirectory() ? relative(dir, source) : source;
      const text = decodeUtf8(bytes[index] as Buffer, name);
      if (!text.ok) return text;
      const parsed = parseManifestText(text.value, name);
      if (!parsed.ok) return parsed;
      entries.push(...parsed.value);
    }
    return ok(entries);
  } catch (e) {
    return err(`cannot read manifests from ${dir}: ${errorMessage(e)}`);
  }
}

async function manifestFilesIn(dir: string, root: string, options: LoadOptions): Promise<Result<Source[]>> {
  const names = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const kustomization = names.find((n) => n.isFile() && KUSTOMIZATION_NAMES.includes(n.name));
  if (kustomization) return kustomizationResources(dir, kustomization.name, root, options);
  const files: Source[] = names.filter((n) => n.isFile() && isManifestFile(n.name)).map((n) => join(dir, n.name));
  for (const sub of names.filter((n) => n.isDirectory() && !n.name.startsWith('.'))) {
    const nested = await manifestFilesIn(join(dir, sub.name), root, options);
    if (!nested.ok) return nested;
    files.push(...nested.value);
  }
  return ok(files);
}

async function kustomizationResources(
  dir: string,
  name: string,
  root: string,
  options: LoadOptions,
): Promise<Result<Source[]>> {
  const file = join(dir, name);
  const text = decodeUtf8(await readFile(file), file);
  if (!text.ok) return text;
  const { LineCounter, parseAllDocuments } = yamlLib();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text.value, { lineCounter, prettyErrors: false });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  const problem = first?.errors[0];
  if (!first || problem)
    return err(`${file}: not a valid kustomization (${problem ? describeYamlError(problem, text.value) : 'empty'})`);
  let kustomization: unknown;
  try {
    kustomization = first.toJS();
  } catch {
    return err(`${file}: not a valid kustomization (an alias that names no anchor before it, or too many aliases)`);
  }
  const resources: unknown = (kustomization as { resources?: unknown } | null)?.resources ?? [];
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) {
    return err(`${file}: "resources" must be a list of paths`);
  }
  const files: Source[] = [];
  for (const resource of resources) {
    const path = resolve(dir, resource);
    const info = await stat(path).catch(() => undefined);
    if (!info) return err(`${file}: resource "${resource}" does not exist`);
    const nested = info.isDirectory() ? await manifestFilesIn(path, root, options) : ok([path]);
    if (!nested.ok) return nested;
    files.push(...nested.value);
  }
  const where = relative(root, file) || name;
  const created = await createMissingEnvFiles(dir, kustomization, where, options);
  if (!created.ok) return created;
  const secrets = await generatedSecretsIn(dir, kustomization, where);
  if (!secrets.ok) return secrets;
  const generatorLine = (index: number) => {
    const node = first.getIn(['secretGenerator', index], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  for (const [index, object] of secrets.value.entries()) {
    const line = generatorLine(index);
    files.push({ object, file: where, line, lineOf: () => line });
  }
  return ok(files);
}

/** The Secrets of a kustomization's secretGenerator, built from its env files. */
async function generatedSecretsIn(dir: string, kustomization: unknown, where: string): Promise<Result<KubeObject[]>> {
  const entries = secretGeneratorEntries(kustomization, where);
  if (!entries.ok) return entries;
  const texts = new Map<string, string>();
  for (const path of referencedFiles(kustomization)) {
    const target = resolve(dir, path);
    if (!isInside(dir, target))
      return err(`${where}: secretGenerator file ${path} is outside the kustomization's folder`);
    const text = await readFile(target, 'utf8').catch(() => undefined);
    if (text !== undefined) texts.set(path, text);
  }
  return generatedSecrets(kustomization, (path) => texts.get(path), where);
}

/** Every file a secretGenerator reads (envs and files sources), relative to the kustomization. */
function referencedFiles(kustomization: unknown): string[] {
  const list: unknown = (kustomization as { secretGenerator?: unknown } | null)?.secretGenerator;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const { envs, files } = (entry ?? {}) as { envs?: unknown; files?: unknown };
    const paths = [envs, files]
      .flatMap((l): unknown[] => (Array.isArray(l) ? l : []))
      .filter((p): p is string => typeof p === 'string');
    return paths.map((p) => (p.includes('=') ? p.slice(p.indexOf('=') + 1) : p));
  });
}

const isInside = (dir: string, target: string): boolean => {
  const rel = relative(dir, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * On a fresh clone the env files are absent (they are not in git): with `createMissingSecrets`, each one that
 * has a committed `<file>.example` is created with new random values for the example's keys.
 */
async function createMissingEnvFiles(
  dir: string,
  kustomization: unknown,
  where: string,
  options: LoadOptions,
): Promise<Result<void>> {
  const entries = secretGeneratorEntries(kustomization, where);
  if (!entries.ok) return entries;
  for (const env of new Set(entries.value.flatMap((e) => e.envs))) {
    const target = resolve(dir, env);
    if (!isInside(dir, target) || (await stat(target).catch(() => undefined))) continue;
    const example = await readFile(`${target}.example`, 'utf8').catch(() => undefined);
    if (example === undefined) continue;
    if (!options.createMissingSecrets) {
      return err(
        `${target} does not exist (it is kept out of git): apply without --dry-run, or run starter-stack generate, to create it with new passwords`,
      );
    }
    const keys = envKeys(example, `${target}.example`);
    if (!keys.ok) return keys;
    const body = keys.value.map((key) => `${key}=${randomBytes(24).toString('base64url')}`).join('\n');
    await writeFile(target, `${SECRETS_ENV_HEADER}${body}\n`, { mode: 0o600, flag: 'wx' });
    options.onNote?.(missingSecretsNote(target));
  }
  return ok(undefined);
}

/**
 * The file's text, or where it stops being UTF-8. Decoding would silently turn bad bytes into U+FFFD and apply
 * something the user never wrote, so the whole file is refused instead.
 */
export function decodeUtf8(bytes: Buffer, file: string): Result<string> {
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return ok(text);
  // A valid prefix re-encodes byte for byte; the first difference is the first invalid byte.
  const again = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length && bytes[offset] === again[offset]) offset++;
  // A bad sequence that starts like U+FFFD (EF BF …) matches for a byte or two: back up to its start.
  const start = [offset - 2, offset - 1].find(
    (p) => p >= 0 && again[p] === 0xef && again[p + 1] === 0xbf && again[p + 2] === 0xbd,
  );
  if (start !== undefined) offset = start;
  const line = bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
  return err(
    `${file}:${line}: not valid UTF-8 (byte offset ${offset}, 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}); nothing was applied: save the file as UTF-8`,
  );
}

/**
 * Parses one file's YAML stream into entries; a YAML error comes back as `file:line: message`. The values come from
 * the fast reader when it can read the stream as `yaml` would, else from `yaml`; a field's line (`lineOf`, asked for
 * only when something failed) always comes from `yaml`'s document model, built on first use.
 */
export function parseManifestText(text: string, file: string): Result<ManifestEntry[]> {
  const fast = readDocuments(text);
  if (!fast) return parseWithYaml(text, file);
  const entries: ManifestEntry[] = [];
  const model = documentModel(text);
  for (const { value, line } of fast) {
    const invalid = shapeProblem(value);
    if (invalid) return err(`${file}:${line}: ${invalid}`);
    entries.push({ object: value as KubeObject, file, line, lineOf: (path) => model.lineOf(line, path) });
  }
  return ok(entries);
}

/** `yaml`'s documents of a text, parsed when a field's line is first asked for. */
function documentModel(text: string): { lineOf: (documentLine: number, path: string) => number | undefined } {
  let parsed: { docs: Document.Parsed[]; lineCounter: LineCounter } | undefined;
  return {
    lineOf: (documentLine, path) => {
      if (!parsed) {
        const { LineCounter, parseAllDocuments } = yamlLib();
        const lineCounter = new LineCounter();
        parsed = { docs: parseAllDocuments(text, { lineCounter }) as Document.Parsed[], lineCounter };
      }
      const { docs, lineCounter } = parsed;
      const doc = docs.find((d) => d.contents && lineCounter.linePos(d.contents.range[0]).line === documentLine);
      return doc ? fieldLine(doc, lineCounter, path) : undefined;
    },
  };
}

function parseWithYaml(text: string, file: string): Result<ManifestEntry[]> {
  const { LineCounter, parseAllDocuments } = yamlLib();
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
  if (typeof value !== 'object' || Array.isArray(value))
    return 'a manifest document must be a mapping (a Kubernetes object)';
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
  const { isMap, isSeq } = yamlLib();
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
    return (pair?.key as { range?: [number, number, number] } | null)?.range?.[0];
  }
  if (isSeq(parent) && typeof last === 'number')
    return (parent.items[last] as { range?: [number, number, number] } | undefined)?.range?.[0];
  return undefined;
}
